#!/bin/sh
# Score dafu on Microsoft Recognizers-Text's Chinese specs (bench/README.md, section
# "Recognizers-Text Chinese suite"). Extra arguments go to rtbench, e.g. --errors 20.
cd "$(dirname "$0")/.." || exit 1
exec .venv/bin/python ../shared/tools/rtbench.py --module pipeline.compat.recognizers:extract "$@"
