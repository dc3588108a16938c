"""An import-linter contract that is an allow-list: what a package may import from another.

``forbidden`` contracts list what may not be imported, so a module added tomorrow is allowed by
default. This one says which modules of ``container`` the ``importers`` may reach, directly or
through the allowed modules themselves; anything else in ``container`` breaks it. Registered in
pyproject.toml under ``[tool.importlinter] contract_types``.
"""

from __future__ import annotations

from typing import Any

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def _within(module: str, packages: set[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


class AllowListContract(Contract):
    """Options: ``importers`` (packages), ``container`` (a package), ``allowed`` (packages in it)."""

    type_name = "allow_list"

    importers = fields.ListField(subfield=fields.StringField())
    container = fields.StringField()
    allowed = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        importers = {str(m) for m in self.importers}  # type: ignore[attr-defined]
        container = {str(self.container)}
        allowed = {str(m) for m in self.allowed}  # type: ignore[attr-defined]
        sources = {m for m in graph.modules if _within(m, importers)}
        broken: list[dict[str, Any]] = []
        reached: list[str] = []
        for source in sorted(sources):
            for target in sorted(graph.find_modules_directly_imported_by(source)):
                if not _within(target, container) or target in container:
                    continue
                if _within(target, allowed):
                    reached.append(target)
                else:
                    broken.append({"importer": source, "imported": target, "via": None})
        # An allowed module must not itself lead out of the allow-list (say, to the desk's store).
        seen = set(reached)
        while reached:
            module = reached.pop()
            for target in sorted(graph.find_modules_directly_imported_by(module)):
                if not _within(target, container) or target in container or target in seen:
                    continue
                seen.add(target)
                if _within(target, allowed):
                    reached.append(target)
                else:
                    broken.append({"importer": module, "imported": target, "via": "allowed"})
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(str(m) for m in self.allowed)  # type: ignore[attr-defined]
        for item in check.metadata["broken"]:
            how = " (reached through an allowed module)" if item["via"] else ""
            output.print_error(
                f"{item['importer']} imports {item['imported']}{how}; only {allowed} may be imported.",
                bold=False,
            )
            output.new_line()
