"""The Qt layer: widgets, item models and dialogs. It calls ``desktop`` services and never
touches ``db`` or SQLAlchemy; background work goes through ``ui.tasks``.
"""
