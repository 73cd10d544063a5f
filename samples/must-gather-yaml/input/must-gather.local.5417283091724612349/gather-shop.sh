#!/bin/sh
# How this must-gather was taken.
set -eu
oc adm must-gather --dest-dir=. -- /usr/bin/gather_namespaces shop
