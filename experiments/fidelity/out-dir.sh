# Sourced by the study scripts here (run.sh, fault-accuracy.sh): their result folder and log lines.
# out_dir_start NAME OUT: OUT must be new (else exit 2); everything is built in WORK=OUT.partial. Ctrl-C removes
# WORK; a failed step leaves it with its logs (never OUT). out_dir_finish renames WORK to OUT.
out_dir_start() {
  OUT_DIR_NAME="$1"
  OUT="$2"
  if [[ -e "$OUT" || -e "$OUT.partial" ]]; then
    echo "$OUT_DIR_NAME: --out: exists ($OUT or $OUT.partial), expected a new folder (never replaces files)" >&2
    exit 2
  fi
  mkdir -p "$(dirname "$OUT")"
  mkdir "$OUT.partial"   # fails if another run took the name meanwhile: the folder is ours from here on
  WORK="$OUT.partial"
  OUT_DIR_FINISHED=0
  OUT_DIR_INTERRUPTED=0
  trap out_dir_cleanup EXIT
  trap 'OUT_DIR_INTERRUPTED=1; exit 130' INT TERM
}

out_dir_cleanup() {
  [[ $OUT_DIR_FINISHED -eq 1 ]] && return
  if [[ $OUT_DIR_INTERRUPTED -eq 1 ]]; then rm -rf -- "$WORK"; echo "$OUT_DIR_NAME: interrupted; removed $WORK" >&2
  else echo "$OUT_DIR_NAME: a step failed; its logs are in $WORK (not a result: remove it when done)" >&2; fi
}

out_dir_finish() {
  mv -- "$WORK" "$OUT"
  OUT_DIR_FINISHED=1
}

log() { echo "[$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*" >&2; }
