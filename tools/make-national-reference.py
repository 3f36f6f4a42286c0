#!/usr/bin/env python3
"""Derives the bundled national reference lists (src/main/resources/org/safetystats/reference/national/)
from the public data sets in shared/data (see SOURCES.md there and beside the bundle). Run once when the
sources change: python3 tools/make-national-reference.py /work/shared/data"""
import csv, gzip, io, sys, pathlib

src = pathlib.Path(sys.argv[1])
out = pathlib.Path(__file__).resolve().parent.parent / 'src/main/resources/org/safetystats/reference/national'

def write(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(header)
    w.writerows(rows)
    with gzip.GzipFile(out / name, 'wb', mtime=0) as f:
        f.write(buf.getvalue().encode('utf-8'))

with open(src / 'reform-2025/vn_communes_2025_area_population.csv', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
write('communes-2025-07-01.csv.gz', ['province_code', 'province_name', 'code', 'name', 'population', 'area_km2'],
      [[r['province_code_2025'], r['province_name_2025'], r['commune_code_2025'], r['commune_name_2025'],
        r['population'], r['area_km2']] for r in rows])

with open(src / 'reform-2025/crosswalk_pre2025_to_2025_communes.csv', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
write('crosswalk-2025-07-01.csv.gz', ['old_code', 'old_name', 'old_district_code', 'old_district_name',
      'old_province_code', 'new_code', 'new_province_code', 'merge_type'],
      [[r['old_code'], r['old_name'], r['old_district_code'], r['old_district_name'], r['old_province_code'],
        r['new_code'], r['new_province_code'], r['merge_type']] for r in rows])

with open(src / 'population/vn_census2019_commune_population.csv', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
write('population-2019.csv.gz', ['code', 'population'],
      [[r['commune_code_2019'], r['pop2019_total']] for r in rows if r['pop2019_total']])
