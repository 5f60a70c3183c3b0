"""Bringing a folder of downloads into data/raw/ (`juesuan add`).
Enters: files as received. Leaves: data/raw/<year>/<folder>/ with each file's manifest.json.

``names`` (one department however it is written; what a file's name says), ``plan`` (where each
file goes, as a pure function of what was read and what is there), ``filing`` (the shell: read,
hash, identify, copy atomically, report).
"""
