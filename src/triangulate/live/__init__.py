"""Live watching: poll feeds, section pages and folders, update the record as reports
arrive, and alert on what changed in each update.

`sources` reads what to watch; `poll` fetches one source (conditional GET, only
new entries); `pacing` keeps requests to one host apart; `state` keeps everything
in the store so a watcher killed at any moment resumes; `rules` turns the derived
tables before and after an update into alerts; `delivery` sends them (standard
output, a file, a webhook); `watcher` orders one poll and runs the loop.
"""
