"""Running: reports through the report notebook (papermill, kept kernels), locally or on Dask; the site pages.
Enters: a project folder and the (year, department) keys. Leaves: reports/, figures/, processed/, index pages.

``batch`` (which reports; the local process pool), ``cluster`` (the same task on Dask workers),
``runner`` (one report through papermill, swapped in whole), ``kernels`` (one kept kernel per
worker), ``report`` (what the notebook calls: tables, figures, page sections), ``export`` (the
executed notebook → a page), ``progress`` (bar or log lines), ``site`` (the index pages). Only
the CLI imports this stage.
"""
