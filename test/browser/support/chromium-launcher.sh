#!/bin/sh
# Starts Chromium ($CHROMIUM_PATH) with every --disable-features switch merged into one.
# Chromium keeps only the last one it is given, and Playwright passes a list of its own, so
# the features the browser tests turn off (CHROMIUM_ARGS) would otherwise turn Playwright's
# back on.
features=""
for arg do
  shift
  case "$arg" in
    --disable-features=*) features="${features:+$features,}${arg#--disable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
exec "${CHROMIUM_PATH:?}" "$@" ${features:+"--disable-features=$features"}
