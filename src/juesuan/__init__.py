"""juesuan: read a Chinese department final-accounts report (部门决算公开) into tidy,
traceable tables, check its numbers, draw its seven charts and publish it as HTML."""

__version__ = "0.1.0"
