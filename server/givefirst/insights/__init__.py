"""Sent-mail insights: `givefirst report` (one HTML page of the writer's habits) and
`givefirst import` / `forget` (the give/ask ledger per recipient, counts only).

sources reads mailboxes into raw messages; extract keeps the writer's own text
of the writer's sent messages; batch analyses them (in process or on Dask) and
returns counts; summary adds them up; plots and page draw the report; ledger
keeps the counts per recipient in SQLite. Email text stays in memory: it is
never logged, never put in an error message, and written only into a report
page that asks for examples.
"""
