// A preload that prints, when the process exits, the CPU time of its main
// thread and of all its other threads (V8's compiler and collector helpers,
// -j's reading threads), from /proc (Linux):
//
//   node -r ./test/bench/threadCpu.cjs dist/cli/main.js analyze FILE -o json -j 1 > /dev/null
//   podtrail threads: main 1.90 s, others 1.06 s
//
// Another load on the machine moves wall time more than the main thread's
// CPU time, and the others' say how much of a second core a run takes.
"use strict";
const fs = require("node:fs");

const TICKS_PER_SECOND = 100; // USER_HZ: /proc's clock ticks

process.on("exit", () => {
  let main = 0;
  let others = 0;
  for (const task of fs.readdirSync("/proc/self/task")) {
    const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th of the line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    if (Number(task) === process.pid) main += seconds;
    else others += seconds;
  }
  fs.writeSync(2, `podtrail threads: main ${main.toFixed(2)} s, others ${others.toFixed(2)} s\n`);
});
