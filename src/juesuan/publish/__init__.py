"""Publishing: tidy tables and findings → 图1–图7, the report page's sections, the index page,
the web font and the data package descriptor. Enters: tables. Leaves: figures and HTML.
"""
