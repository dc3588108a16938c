"""Icons, style sheet, translations and fonts shipped with Tanggap."""
