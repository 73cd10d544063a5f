/**
 * Container exit codes: the shell conventions (126, 127), 128+N for death by
 * signal N, and the codes container runtimes use themselves.
 */

/** Linux signal names, by number. */
const SIGNALS: Readonly<Record<number, string>> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  4: "SIGILL",
  5: "SIGTRAP",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  10: "SIGUSR1",
  11: "SIGSEGV",
  12: "SIGUSR2",
  13: "SIGPIPE",
  14: "SIGALRM",
  15: "SIGTERM",
  16: "SIGSTKFLT",
  17: "SIGCHLD",
  18: "SIGCONT",
  19: "SIGSTOP",
  20: "SIGTSTP",
  21: "SIGTTIN",
  22: "SIGTTOU",
  23: "SIGURG",
  24: "SIGXCPU",
  25: "SIGXFSZ",
  26: "SIGVTALRM",
  27: "SIGPROF",
  28: "SIGWINCH",
  29: "SIGIO",
  30: "SIGPWR",
  31: "SIGSYS",
};

type Lang = "en" | "zh";
type Text = { readonly en: string; readonly zh: string };

const FIXED: Readonly<Record<number, Text>> = {
  0: { en: "success: the process exited normally", zh: "成功：进程正常退出" },
  1: {
    en: "general application error: read the logs of the failed run (kubectl logs POD -c CONTAINER --previous)",
    zh: "应用通用错误：查看失败那次运行的日志（kubectl logs POD -c CONTAINER --previous）",
  },
  2: {
    en: "misuse of a shell builtin or invalid command-line arguments (many programs exit 2 on usage errors): check command/args",
    zh: "shell 内建命令用法错误或命令行参数无效（很多程序在用法错误时以 2 退出）：检查 command/args",
  },
  125: {
    en: "the container runtime itself failed to run the container (docker run convention)",
    zh: "容器运行时自身未能运行该容器（docker run 的约定）",
  },
  126: {
    en: "command found but not executable (permission denied, missing execute bit, or a binary for another architecture): check the entrypoint's file mode and the image platform",
    zh: "找到了命令但无法执行（权限不足、缺少可执行权限，或是其他架构的二进制）：检查入口程序的文件权限和镜像平台",
  },
  127: {
    en: "command not found: the command/entrypoint or its interpreter (e.g. /bin/bash in an alpine or distroless image) is not in the image; check command/args and PATH",
    zh: "命令不存在：镜像中没有该 command/入口程序或其解释器（例如 alpine 或 distroless 镜像中没有 /bin/bash）；检查 command/args 和 PATH",
  },
  128: {
    en: "the runtime could not start the process (containerd reports 128 with StartError), or an invalid argument to exit",
    zh: "运行时无法启动进程（containerd 在 StartError 时报告 128），或传给 exit 的参数无效",
  },
  130: {
    en: "killed by signal 2 (SIGINT): interrupted, as by Ctrl-C",
    zh: "被信号 2（SIGINT）终止：被中断，相当于按下 Ctrl-C",
  },
  134: {
    en: "killed by signal 6 (SIGABRT): the process aborted itself (failed assertion, uncaught C++ exception, heap corruption detected by libc)",
    zh: "被信号 6（SIGABRT）终止：进程主动中止（断言失败、未捕获的 C++ 异常、libc 检测到堆损坏）",
  },
  137: {
    en: "killed by signal 9 (SIGKILL): the kernel OOM killer (see OOMKilled) or a forced kill after terminationGracePeriodSeconds (deletion, liveness probe restart, eviction); compare lastState.terminated.reason and the node's kernel log (dmesg)",
    zh: "被信号 9（SIGKILL）终止：内核 OOM killer（参见 OOMKilled），或超过 terminationGracePeriodSeconds 后被强制杀掉（删除、存活探针重启、驱逐）；对照 lastState.terminated.reason 和节点内核日志（dmesg）",
  },
  139: {
    en: "killed by signal 11 (SIGSEGV): segmentation fault, an invalid memory access in native code; check native libraries, the image architecture and stack size",
    zh: "被信号 11（SIGSEGV）终止：段错误，原生代码访问了非法内存；检查原生依赖库、镜像架构和栈大小",
  },
  141: {
    en: "killed by signal 13 (SIGPIPE): wrote to a pipe or socket whose reader had gone",
    zh: "被信号 13（SIGPIPE）终止：向读端已关闭的管道或套接字写数据",
  },
  143: {
    en: "killed by signal 15 (SIGTERM): stopped gracefully by the kubelet (pod deleted, liveness probe failure, eviction, rollout); normal during shutdown, otherwise look for who stopped it (Killing events)",
    zh: "被信号 15（SIGTERM）终止：被 kubelet 优雅停止（Pod 被删除、存活探针失败、驱逐、滚动更新）；关机时属于正常现象，否则查明是谁停止了它（Killing 事件）",
  },
  255: {
    en: "exit status out of range (e.g. exit(-1)) or a generic fatal error, often the entrypoint script or runtime failing before the application starts: read the logs with --previous",
    zh: "退出码越界（例如 exit(-1)）或通用的致命错误，常见于应用启动前入口脚本或运行时就已失败：用 --previous 查看日志",
  },
};

/** The name of Linux signal `n` (e.g. `SIGKILL`), or null when unknown. */
export function signalName(n: number): string | null {
  return SIGNALS[n] ?? null;
}

/**
 * What a container exit code means, in English (or Chinese with `lang`
 * "zh"); null when the code has no conventional meaning (application-specific
 * codes such as 3 to 124).
 */
export function explainExitCode(code: number, lang: Lang = "en"): string | null {
  if (!Number.isInteger(code)) return null;
  const fixed = FIXED[code];
  if (fixed !== undefined) return fixed[lang];
  if (code > 128 && code <= 128 + 64) {
    const n = code - 128;
    const name = signalName(n);
    if (lang === "zh") return name === null ? `被信号 ${n} 终止` : `被信号 ${n}（${name}）终止`;
    return name === null ? `killed by signal ${n}` : `killed by signal ${n} (${name})`;
  }
  if (code < 0 || code > 255) {
    const unsigned = code < 0 && code >= -(2 ** 31) ? code >>> 0 : Math.abs(code);
    const hex = `0x${unsigned.toString(16).toUpperCase()}`;
    return lang === "en"
      ? `not a POSIX exit status: runtime-specific, or a Windows NTSTATUS/HRESULT code (${hex}, e.g. 0xC0000005 is an access violation)`
      : `不是 POSIX 退出码：由运行时自定义，或是 Windows 的 NTSTATUS/HRESULT 错误码（${hex}，例如 0xC0000005 表示访问冲突）`;
  }
  return null;
}
