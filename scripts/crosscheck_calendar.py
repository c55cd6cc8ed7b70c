#!/usr/bin/env python3
# Compares Checklists/calendar with the independent PyPI package chinesecalendar, day by day.
# Usage: pip install --target /tmp/ccpkg chinesecalendar && python3 scripts/crosscheck_calendar.py Checklists/calendar/cn-holidays.txt
import sys, datetime, re
sys.path.insert(0, '/tmp/ccpkg')
import chinese_calendar as cc
holidays, workdays = {}, {}
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.split('#')[0].split()
    if not line or line[0] == 'year': continue
    kind, name, *dates = line
    for d in dates:
        a, _, b = d.partition('..')
        a = datetime.date.fromisoformat(a); b = datetime.date.fromisoformat(b) if b else a
        while a <= b:
            (holidays if kind == 'holiday' else workdays)[a] = name; a += datetime.timedelta(1)
d = datetime.date(2010,1,1); diffs = 0; n = 0
while d <= datetime.date(2026,12,31):
    mine = d in workdays or (d.weekday() < 5 and d not in holidays)
    try: theirs = cc.is_workday(d)
    except Exception as e: print(d, 'package error', e); break
    if mine != theirs:
        diffs += 1; print(d, 'mine', mine, 'package', theirs, holidays.get(d), workdays.get(d), cc.get_holiday_detail(d))
    n += 1; d += datetime.timedelta(1)
print('days compared', n, 'differences', diffs, 'package version', getattr(cc, '__version__', '?'))
