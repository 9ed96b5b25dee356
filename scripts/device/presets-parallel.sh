#!/bin/bash
# Full Reproduce presets, one process per (preset, seed), on a many-core machine; packs results
# into $OUT/res.tgz every 10 s so a cut-off run still returns what finished.
set -u
R=$(pwd); W=/tmp/pp; mkdir -p $W/res $W/public; cd $W
xz -dc $R/.devkit/pp/node.xz > node && chmod +x node
xz -dc $R/.devkit/pp/presets-seed.mjs.xz > presets-seed.mjs
tar xJf $R/.devkit/pp/data.tar.xz -C public
./node --version; nproc
for p in kaddour all-four swa-vs-sgd; do for s in 1 2 3 4 5; do
  ./node presets-seed.mjs $p $s public res/$p-$s.json > res/$p-$s.log 2>&1 &
done; done
end=$((SECONDS + ${LIMIT:-440}))
while [ $SECONDS -lt $end ]; do
  sleep 10
  tar czf $OUT/res.tgz -C res . 2>/dev/null
  n=$(ls res/*.json 2>/dev/null | wc -l)
  echo "t=$SECONDS done=$n load=$(cut -d' ' -f1 /proc/loadavg)"
  [ "$n" -ge 15 ] && break
done
for f in res/*.log; do echo "$f: $(grep -v 'Hi, looks\|====\|tfjs-node\|^$' $f | tail -1)"; done
tar czf $OUT/res.tgz -C res .
