#!/usr/bin/env python3
"""Blind probes: per violation family, how many of the probe replies Tact flags.

    python3 bench/probe.py                 # every probe file, one table
    python3 bench/probe.py --list          # and each miss and false alarm with its reply
    python3 bench/probe.py --tact OTHER    # another build (e.g. the one before a change)

The probes (bench/probes/*.jsonl, see bench/probes/README.md) are one reply each, written blind
to commit exactly one family (`positive: true`) or to look like it without doing it (`false`).
Files whose rows carry a `split` are counted per split (`tune`, `heldout`); `--list` never
prints a held-back row, so that they stay unread. A violation family counts as flagged when a non-hint finding of that criterion fires; the
`solution` family counts when the criterion is `met`; the family `any_violation` (good replies,
all `positive: false`) when any violation fires: each one flagged is a false alarm.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TACT = os.path.join(HERE, '..', 'build', 'native', 'native', 'tact')


def flagged(report, family):
    statuses = {c['id']: c['status'] for c in report['criteria']}
    if family == 'any_violation':  # a good reply: any violation finding is a false alarm
        return any(f['criterion'] not in statuses and f['severity'] != 'hint'
                   for f in report['findings'])
    if family in statuses:
        return statuses[family] == 'met'
    return any(f['criterion'] == family and f['severity'] != 'hint' for f in report['findings'])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--tact', default=DEFAULT_TACT)
    parser.add_argument('--list', action='store_true', help='print each miss and false alarm')
    parser.add_argument('files', nargs='*', default=sorted(glob.glob(os.path.join(HERE, 'probes', '*.jsonl'))))
    args = parser.parse_args()
    if not os.path.exists(args.tact):
        sys.exit('no tact binary at %s: build it first (scripts/test builds it)' % args.tact)
    rows = []
    for path in args.files:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if not line.strip():
                    continue
                row = json.loads(line)
                name = os.path.basename(path)[:-len('.jsonl')]
                rows.append(dict(row, file=name + ('/' + row['split'] if 'split' in row else '')))
    requests = ''.join(
        json.dumps({k: v for k, v in {'lang': r['id'][:2], 'rating': r.get('rating'),
                                      'author': r.get('author'), 'review': r['review'],
                                      'reply': r['reply']}.items() if v is not None},
                   ensure_ascii=False) + '\n' for r in rows)
    out = subprocess.run([args.tact, 'score', '-'], input=requests.encode(), capture_output=True,
                         check=False).stdout.decode().splitlines()
    if len(out) != len(rows):
        sys.exit('tact answered %d lines for %d probes' % (len(out), len(rows)))
    counts = collections.defaultdict(lambda: [0, 0, 0, 0])  # positives, found, negatives, alarms
    for row, line in zip(rows, out):
        got = flagged(json.loads(line), row['family'])
        c = counts[(row['file'], row['family'])]
        if row['positive']:
            c[0] += 1
            c[1] += got
        else:
            c[2] += 1
            c[3] += got
        if args.list and got != row['positive'] and row.get('split') != 'heldout':
            print('%s %s %s | %s' % ('MISS' if row['positive'] else 'ALARM', row['id'],
                                     row['family'], row['reply']))
    print('%-26s %-14s %14s %18s' % ('file', 'family', 'found', 'false alarms'))
    for (name, family), (pos, found, neg, alarms) in sorted(counts.items()):
        print('%-26s %-14s %8d / %-4d %10d / %-4d' % (name, family, found, pos, alarms, neg))


if __name__ == '__main__':
    main()
