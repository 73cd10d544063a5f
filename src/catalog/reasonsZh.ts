/**
 * Simplified Chinese text of every known reason: the same content as
 * `REASONS`, written the way Chinese SRE runbooks phrase it. Reason names,
 * field paths and commands stay untranslated.
 */
import type { KnownReason, ReasonText } from "./knownReasons.js";

const DESCRIBE = "kubectl describe pod POD -n NS";
const PREVIOUS_LOGS = "kubectl logs POD -c CONTAINER --previous";

export const REASONS_ZH: Record<KnownReason, ReasonText> = {
  // ---------------------------------------------------------------- waiting
  CrashLoopBackOff: {
    meaning: "容器反复退出，kubelet 在每次重启前按指数退避等待（从 10 秒起翻倍，最长 5 分钟）。",
    check: `用 ${PREVIOUS_LOGS} 查看上一次崩溃的日志，并在 ${DESCRIBE} 中查看 lastState.terminated（reason、exitCode）：常见原因是 OOMKilled、启动命令或配置错误、依赖服务不可用、存活探针失败。`,
  },
  ErrImagePull: {
    meaning: "kubelet 最近一次拉取镜像失败，之后会退避重试（进入 ImagePullBackOff）。",
    check: `查看 ${DESCRIBE} 中的 Failed 事件：“not found” 表示镜像名或 tag 写错；“unauthorized”/“denied” 表示缺少 imagePullSecrets；“toomanyrequests” 表示触发了镜像仓库限流；超时则检查节点到仓库的网络或代理。`,
  },
  ImagePullBackOff: {
    meaning: "镜像拉取失败，kubelet 正在退避等待下一次拉取（间隔逐步增大，最长 5 分钟）。",
    check: `用 ${DESCRIBE} 查看拉取错误：镜像名或 tag 错误、缺少 imagePullSecrets、仓库限流（too many requests）、节点到仓库的网络不通；可在节点上执行 crictl pull IMAGE 复现。`,
  },
  InvalidImageName: {
    meaning: "kubelet 无法解析镜像地址（invalid reference format），因此不会发起拉取。",
    check: "检查 spec.containers[].image：是否含大写字母或空格、多余的 ':' 或 '@'、未被替换的模板变量，或缺少仓库路径。",
  },
  ImageInspectError: {
    meaning: "kubelet 通过容器运行时查询镜像信息失败（CRI ImageStatus 调用出错）。",
    check: "查看 InspectFailed 事件的信息；在节点上执行 crictl inspecti IMAGE，并查看 containerd/CRI-O 日志（journalctl -u containerd）；镜像存储损坏时可能需要先删除该镜像（crictl rmi）。",
  },
  ErrImageNeverPull: {
    meaning: "imagePullPolicy 为 Never，而节点上没有该镜像。",
    check: "在所有可能运行该 Pod 的节点上预先导入镜像（crictl images 确认），或把 imagePullPolicy 改为 IfNotPresent。",
  },
  RegistryUnavailable: {
    meaning: "与镜像仓库通信时出现 HTTP 错误，导致拉取失败：仓库不可达或返回了错误。",
    check: "检查节点到仓库的连通性（DNS、代理、防火墙、TLS 证书）：在节点上执行 curl -v https://REGISTRY/v2/，并确认仓库自身状态。",
  },
  SignatureValidationFailed: {
    meaning: "容器运行时的签名策略无法校验该镜像的签名，因此拒绝使用该镜像。",
    check: "检查运行时的签名策略（例如 CRI-O 的 /etc/containers/policy.json），确认镜像是否由受信任的密钥签名。",
  },
  CreateContainerConfigError: {
    meaning: "kubelet 无法生成容器配置：通常是引用的 ConfigMap/Secret 或其中的某个 key 不存在，或设置了 runAsNonRoot 但镜像以 root 运行。",
    check: `查看 ${DESCRIBE} 中的信息（如 'secret "x" not found'、'couldn't find key y in ConfigMap'）；执行 kubectl get configmap,secret -n NS；检查 env[].valueFrom、envFrom 和 securityContext.runAsUser。`,
  },
  CreateContainerError: {
    meaning: "容器运行时创建容器失败（CRI CreateContainer 调用出错）。",
    check: `查看 ${DESCRIBE} 中的信息：与残留容器重名、volume/subPath 无法挂载、启动命令无效等；在节点上查看运行时日志（journalctl -u containerd）。`,
  },
  RunContainerError: {
    meaning: "容器运行时启动容器失败（例如入口程序不存在或不可执行，或 OCI 运行时报错）。",
    check: `查看 ${DESCRIBE} 中的信息：'executable file not found in $PATH'、'permission denied'、'exec format error'（镜像架构不匹配）；核对 command/args 与镜像内容。`,
  },
  RunInitContainerError: {
    meaning: "容器运行时启动 Init 容器失败（旧版本 kubelet 使用；新版本报告为 RunContainerError 或 StartError）。",
    check: `用 ${DESCRIBE} 查看该 Init 容器的信息，并执行 kubectl logs POD -c INIT_CONTAINER。`,
  },
  PreCreateHookError: {
    meaning: "kubelet 内部的容器创建前步骤失败（资源管理器为容器做准备，例如 CPU、内存或设备分配）。",
    check: "查看 kubectl describe pod 中的信息和节点上的 kubelet 日志（journalctl -u kubelet）；检查 cpuManagerPolicy、memoryManagerPolicy、topologyManagerPolicy 以及设备插件。",
  },
  PreStartHookError: {
    meaning: "容器创建后，kubelet 内部的 PreStartContainer 步骤失败（CPU 管理器、内存管理器、拓扑管理器）；这不是用户定义的生命周期钩子。",
    check: "查看 kubectl describe pod 中的信息和 kubelet 日志（journalctl -u kubelet | grep -i PreStartContainer）；检查 cpu_manager_state、memory_manager_state 以及 kubelet 的资源管理策略。",
  },
  PostStartHookError: {
    meaning: "容器的 lifecycle.postStart 钩子执行失败，kubelet 随即杀掉了该容器。",
    check: "查看 FailedPostStartHook 事件的信息；在镜像中验证 postStart 的 exec 命令或 HTTP 接口；postStart 与入口程序并发执行，不能依赖应用已就绪。",
  },
  KillContainerError: {
    meaning: "容器运行时停止（kill）容器失败。",
    check: "查看节点上的 kubelet 与运行时日志（journalctl -u kubelet -u containerd）；用 crictl ps -a / crictl stop ID 排查；检查是否有进程卡在不可中断的 I/O（D 状态）。",
  },
  VerifyNonRootError: {
    meaning: "设置了 runAsNonRoot: true，但容器会以 root（UID 0）运行，或镜像用户为非数字而无法校验（旧版本 kubelet 使用；新版本报告为 CreateContainerConfigError）。",
    check: "设置 securityContext.runAsUser 为非 0 的 UID，或确保镜像的 USER 为非 0 的数字 UID。",
  },
  "m.internalLifecycle.PreStartContainer": {
    meaning: "kubelet 内部 PreStartContainer 步骤（CPU/内存/拓扑管理器）失败的旧名称；当前版本的 kubelet 报告为 PreStartHookError。",
    check: "查看节点上的 kubelet 日志（journalctl -u kubelet | grep -i PreStartContainer）以及 /var/lib/kubelet 下资源管理器的状态文件。",
  },
  CreatePodSandboxError: {
    meaning: "容器运行时创建 Pod 沙箱失败（pause 容器、网络命名空间、CNI 配置）。",
    check: "查看 FailedCreatePodSandBox 事件的信息：CNI 报错（IP 地址耗尽、CNI Pod 异常）、pause 镜像拉取失败、运行时报错；检查该节点上的 CNI DaemonSet Pod。",
  },
  ConfigPodSandboxError: {
    meaning: "kubelet 无法生成 Pod 沙箱配置（例如 DNS 配置、端口映射、cgroup parent）。",
    check: "查看 kubectl describe pod 中的信息和 kubelet 日志；检查 dnsPolicy/dnsConfig（search 域或 nameserver 过多）以及 hostPort 设置。",
  },
  KillPodSandboxError: {
    meaning: "容器运行时停止 Pod 沙箱失败，最常见的原因是 CNI 网络清理失败。",
    check: "查看 FailedKillPod 事件的信息；查看节点上的 CNI 插件日志；用 crictl pods / crictl stopp ID 排查。",
  },
  ContainerCreating: {
    meaning: "容器正在创建中：沙箱、存储卷、镜像拉取和容器创建正在进行。",
    check: `若长时间停留在此状态，查看 ${DESCRIBE} 中的事件：FailedMount/FailedAttachVolume（存储）、FailedCreatePodSandBox（CNI）、只有 Pulling 没有 Pulled（镜像拉取慢或卡住）。`,
  },
  PodInitializing: {
    meaning: "Pod 的 Init 容器仍在运行，业务容器在等待。",
    check: "若长时间停留，检查 Init 容器：kubectl get pod POD -o jsonpath='{.status.initContainerStatuses}'，以及 kubectl logs POD -c INIT_CONTAINER。",
  },
  DockerDaemonNotReady: {
    meaning: "Docker 运行时（dockershim，已在 Kubernetes 1.24 移除）没有响应，节点的运行时处于未就绪状态。",
    check: "在节点上执行 systemctl status docker 和 journalctl -u docker；kubectl describe node NODE 查看 Ready 条件的信息。",
  },
  NetworkPluginNotReady: {
    meaning: "运行时报告 NetworkReady=false：节点上的 CNI 插件尚未初始化（/etc/cni/net.d 中没有配置，或 CNI 组件未运行）。",
    check: "检查该节点上的 CNI DaemonSet Pod（kubectl get pods -n kube-system -o wide | grep NODE）、节点上的 /etc/cni/net.d 和 /opt/cni/bin，以及 kubectl describe node NODE。",
  },

  // ------------------------------------------------------------- terminated
  OOMKilled: {
    meaning: "容器的 cgroup 内存达到 resources.limits.memory，被内核 OOM killer 杀掉（退出码 137）。",
    check: "调大 resources.limits.memory 或排查内存泄漏：kubectl describe pod 查看 lastState 和 limits；对比 container_memory_working_set_bytes 与 limit；JVM/Node.js 应用需让堆大小（-Xmx、--max-old-space-size）与 limit 匹配。",
  },
  Error: {
    meaning: "容器以非 0 退出码退出；退出码说明了退出方式（见下方退出码说明）。",
    check: `${PREVIOUS_LOGS}；查看 lastState.terminated 中的退出码：1 为应用错误，126/127 为命令问题，137 为 SIGKILL（OOM 或被强制杀掉），139 为段错误，143 为 SIGTERM。`,
  },
  ContainerCannotRun: {
    meaning: "容器运行时（Docker）无法运行容器进程，例如入口程序不存在或不可执行。",
    check: "查看 lastState.terminated.message：'executable file not found'、'permission denied'、'no such file or directory'（缺少解释器或镜像架构不对）；核对 command/args 与镜像内容。",
  },
  StartError: {
    meaning: "容器运行时（containerd）已创建容器，但无法启动其进程；退出码为 128。",
    check: "查看 lastState.terminated.message：'exec: \"x\": executable file not found in $PATH'、'exec format error'（镜像是为其他 CPU 架构构建的）、挂载或 seccomp/AppArmor 报错。",
  },
  Completed: {
    meaning: "容器以退出码 0 正常退出。对 Init 容器和 Job 来说是正常结果；长期运行的容器若不断以 0 退出，仍会表现为 CrashLoopBackOff。",
    check: "Init 容器和 Job 无需处理；若是 Deployment 中的容器，确认入口程序在前台运行（没有转入后台运行，也不是执行完就返回的 shell）。",
  },
  ContainerStatusUnknown: {
    meaning: "kubelet 在终止 Pod 或刷新其状态时找不到该容器（节点重启、驱逐或运行时丢失状态之后），于是将其记为已终止、退出码 137（若 Pod 仍在运行，则算作一次重启）；这个退出码与应用本身无关。",
    check: "查看 Pod 的 status.reason/message 和事件（Evicted、NodeNotReady、SandboxChanged）；kubectl describe node NODE 检查资源压力或重启；查看当时的 kubelet 与运行时日志。",
  },
  Unknown: {
    meaning: "容器运行时（containerd）丢失了容器的退出状态，通常是因为容器运行期间节点或 containerd 重启了，于是报告为已终止、原因 Unknown、退出码 255；其时间可能是重启的时间或 Unix 纪元。",
    check: "确认当时节点是否重启或 containerd 是否重启（kubectl describe node NODE、journalctl -u containerd -u kubelet、节点启动时间）；查看 Pod 的 SandboxChanged 事件。应用本身不一定出错。",
  },
  DeadlineExceeded: {
    meaning: "Pod 运行时间超过了 spec.activeDeadlineSeconds，kubelet 将其杀掉并标记为 Failed。",
    check: "对比 Pod 的 spec.activeDeadlineSeconds（来自 Job/CronJob 或工作负载的 Pod 模板）与实际运行时长，排查运行变慢的原因（日志、CPU 限流）。Job 自身的 activeDeadlineSeconds 则体现在 Job 的 condition 上。",
  },
  Evicted: {
    meaning: "kubelet 因节点资源压力（内存、磁盘、inode、PID）驱逐了 Pod，或因 Pod 超出 ephemeral-storage 限制或 emptyDir 的 sizeLimit 而将其驱逐。",
    check: "查看驱逐信息（哪种资源、用量与 request 对比）；kubectl describe node NODE 查看 MemoryPressure/DiskPressure/PIDPressure；让 requests 贴近实际用量，设置 ephemeral-storage 限制，并清理节点磁盘。",
  },

  // -------------------------------------------------------------- podStatus
  NodeLost: {
    meaning: "节点停止上报状态（不可达），节点控制器据此标记了 Pod；kubectl 会把这类 Pod 显示为 Unknown。",
    check: "kubectl get node NODE 和 kubectl describe node NODE（Ready=Unknown、租约续期情况）；检查节点的 kubelet、网络和电源状态。",
  },
  UnexpectedAdmissionError: {
    meaning: "kubelet 在准入阶段因意外错误拒绝了 Pod，最常见的是设备插件分配失败（例如 GPU）或资源管理器报错。",
    check: "查看 Pod 的 message；检查节点上的设备插件 Pod（例如 nvidia-device-plugin）、kubectl describe node NODE 中可分配的设备数量，以及 journalctl -u kubelet。",
  },
  OutOfcpu: {
    meaning: "kubelet 在准入阶段拒绝了 Pod：节点可分配的 CPU 不足以满足其 requests（调度器与节点看到的资源不一致）。",
    check: "确认 Pod 是否绕过了调度器（直接设置 spec.nodeName、静态 Pod）；kubectl describe node NODE 查看 Allocated resources；Pod 的控制器会在其他节点上重建它。",
  },
  OutOfmemory: {
    meaning: "kubelet 在准入阶段拒绝了 Pod：节点可分配的内存不足以满足其 requests。",
    check: "确认 Pod 是否绕过了调度器（spec.nodeName、静态 Pod），或是 kubelet 重启后的竞争；kubectl describe node NODE 查看 Allocated resources。",
  },
  OutOfpods: {
    meaning: "kubelet 在准入阶段拒绝了 Pod：节点上运行的 Pod 数已达上限（maxPods）。",
    check: "kubectl describe node NODE 查看 Capacity 中的 pods 和 Non-terminated Pods；检查 kubelet 的 maxPods 配置，以及云厂商 CNI 的单节点 IP 数量上限。",
  },
  "OutOfephemeral-storage": {
    meaning: "kubelet 在准入阶段拒绝了 Pod：节点可分配的临时存储（ephemeral storage）不足以满足其 requests。",
    check: "kubectl describe node NODE 查看 ephemeral-storage 的可分配量和已申请量；检查节点根分区/imagefs 的磁盘使用情况。",
  },
  OutOfResource: {
    meaning: "代表所有 OutOf<资源名> 形式的原因（例如 OutOfnvidia.com/gpu）：节点缺少该可分配资源，kubelet 在准入阶段拒绝了 Pod。",
    check: "kubectl describe node NODE 查看该资源的 Allocatable 与 Allocated resources；扩展资源还需检查节点上的设备插件是否上报了健康的设备。",
  },
  NodeAffinity: {
    meaning: "节点不满足 Pod 的 nodeSelector 或必需的节点亲和性，kubelet 在准入阶段拒绝了 Pod（例如调度后节点标签被修改，或直接设置了 spec.nodeName）。",
    check: "用 kubectl get node NODE --show-labels 对照 spec.nodeSelector 和 spec.affinity.nodeAffinity；找出修改节点标签的组件。",
  },
  NodePorts: {
    meaning: "Pod 申请的 hostPort 在节点上已被占用，kubelet 在准入阶段拒绝了 Pod。",
    check: "检查 spec.containers[].ports[].hostPort 以及节点上占用该端口的其他 Pod；尽量不用 hostPort，或用反亲和性把 Pod 分散开。",
  },
  TopologyAffinityError: {
    meaning: "kubelet 的拓扑管理器拒绝了 Pod：在节点的拓扑策略下，其 CPU/设备无法对齐到同一个 NUMA 节点。",
    check: "检查 kubelet 的 topologyManagerPolicy（single-numa-node、restricted），对比 Pod 的 CPU/设备请求与单个 NUMA 节点能提供的资源。",
  },
  NodeShutdown: {
    meaning: "节点正在关机（节点优雅关机），kubelet 在准入阶段拒绝了 Pod。",
    check: "Pod 本身无需处理，其控制器会在其他节点重建它；排查节点关机的原因（维护、抢占式/Spot 实例回收）。",
  },
  Shutdown: {
    meaning: "Pod 因节点优雅关机而被终止（Kubernetes 1.20–1.21 使用的原因；新版本 kubelet 使用 Terminated）。",
    check: "排查节点关机的原因（维护、Spot 实例回收）；检查 kubelet 配置中的 shutdownGracePeriod / shutdownGracePeriodCriticalPods。",
  },
  Terminated: {
    meaning: "节点即将关机，kubelet 据此终止了 Pod（节点优雅关机，Kubernetes 1.22 及以上）。",
    check: "排查节点关机的原因（维护、抢占式/Spot 实例回收、重启）；若 Pod 被过早中断，检查 shutdownGracePeriod 相关配置。",
  },
  Preempting: {
    meaning: "kubelet 为了准入一个关键 Pod 而杀掉了这个 Pod（kubelet 的关键 Pod 抢占）。",
    check: "找出该节点上被准入的关键 Pod（system-node-critical / system-cluster-critical）；为系统 Pod 预留足够的资源。",
  },
  SysctlForbidden: {
    meaning: "Pod 设置了节点不允许的非安全 sysctl，被 kubelet 拒绝。",
    check: "对照 spec.securityContext.sysctls 与节点 kubelet 的 allowedUnsafeSysctls（--allowed-unsafe-sysctls）。",
  },
  AppArmor: {
    meaning: "无法强制执行 Pod 的 AppArmor 配置（节点未启用 AppArmor 或未加载该 profile），kubelet 拒绝了 Pod。",
    check: "查看 Pod 的 message；在节点上执行 aa-status 或 cat /sys/kernel/security/apparmor/profiles；核对 securityContext.appArmorProfile 或注解中指定的 profile。",
  },
  InvalidNodeInfo: {
    meaning: "kubelet 在准入时无法获取自己的 Node 对象，因此拒绝了 Pod。",
    check: "kubectl get node NODE；查看节点上 kubelet 日志中与 API Server 的连接或鉴权错误。",
  },
  TaintToleration: {
    meaning: "节点带有 Pod 不容忍的 NoExecute 污点（Pod 按名字绑定到节点，或在污点出现之前已绑定），kubelet 在准入阶段拒绝了 Pod。",
    check: "对比 kubectl describe node NODE 的 Taints 与 spec.tolerations；查明是谁给节点打的污点（节点生命周期控制器、operator、kubectl taint）。",
  },
  PodOSSelectorNodeLabelDoesNotMatch: {
    meaning: "Pod 的 kubernetes.io/os 节点选择器与节点的操作系统不符，kubelet 在准入阶段拒绝了 Pod。",
    check: "对比 spec.nodeSelector 中的 kubernetes.io/os 与节点的标签和操作系统；检查是否通过 spec.nodeName 绑定到了另一种操作系统的节点。",
  },
  PodOSNotSupported: {
    meaning: "spec.os.name 与节点的操作系统不同，kubelet 在准入阶段拒绝了 Pod。",
    check: "对比 spec.os.name 与节点（kubectl get node NODE -o wide）；用匹配的 kubernetes.io/os 选择器调度该 Pod。",
  },
  InitContainerRestartPolicyForbidden: {
    meaning: "某个 init 容器设置了 restartPolicy（边车容器），而该 kubelet 不允许，通常是 kubelet 版本较旧或未开启 SidecarContainers 特性门控，于是在准入阶段拒绝了 Pod。",
    check: "检查 spec.initContainers[].restartPolicy，以及节点的 kubelet 版本和特性门控（kubectl get node NODE -o wide）。",
  },
  SupplementalGroupsPolicyNotSupported: {
    meaning: "Pod 要求 securityContext.supplementalGroupsPolicy 为 Strict，而节点的运行时不支持，kubelet 在准入阶段拒绝了 Pod。",
    check: "查看节点的 status.features.supplementalGroupsPolicy 和容器运行时版本；去掉 Strict，或把 Pod 调度到支持它的节点。",
  },
  UnexpectedPredicateFailureType: {
    meaning: "kubelet 的某项准入检查以无法归类的方式失败，于是拒绝了 Pod。",
    check: "查看 Pod 的 message（其中写明了失败的检查），以及 Pod 创建前后节点上的 kubelet 日志。",
  },
  UnknownReason: {
    meaning: "kubelet 在准入阶段拒绝了 Pod，但准入检查没有给出原因。",
    check: "查看 Pod 创建前后节点上的 kubelet 日志；kubectl describe node NODE 检查资源和污点。",
  },

  // -------------------------------------------------------------- conditions
  Unschedulable: {
    meaning: "PodScheduled=False：调度器找不到能容纳该 Pod 的节点。",
    check: "查看 condition 的信息（'0/N nodes are available: ...'）：Insufficient cpu/memory（requests 超过可分配量）、存在未容忍的污点、节点亲和性/nodeSelector 不匹配、存储卷节点亲和性冲突、Pod 反亲和性；并确认集群自动扩缩容是否扩容（NotTriggerScaleUp 事件）。",
  },
  SchedulerError: {
    meaning: "PodScheduled=False，原因是调度器内部错误（例如绑定或 API 调用失败，或亲和性配置无法解析）。",
    check: "查看 condition 的信息和调度器日志：kubectl logs -n kube-system -l component=kube-scheduler；检查可能拒绝绑定请求的准入 Webhook。",
  },
  SchedulingGated: {
    meaning: "PodScheduled=False，因为 spec.schedulingGates 不为空：在所有调度门控被移除之前，调度器不会处理该 Pod。",
    check: "kubectl get pod POD -o jsonpath='{.spec.schedulingGates}'，并检查负责移除门控的控制器（例如 Kueue 等排队系统）。",
  },
  PreemptionByScheduler: {
    meaning: "DisruptionTarget=True：调度器正在抢占该 Pod，为更高优先级的 Pod 腾出资源。",
    check: "查看 Preempted 事件（抢占者是谁、在哪个节点）；检查工作负载的 PriorityClass 和集群容量；抢占时只会尽力遵守 PodDisruptionBudget。",
  },
  PreemptionByKubeScheduler: {
    meaning: "PreemptionByScheduler 的旧名称（Kubernetes 1.25）：调度器为更高优先级的 Pod 抢占了该 Pod。",
    check: "查看 Preempted 事件和相关的 PriorityClass；检查集群容量。",
  },
  DeletionByTaintManager: {
    meaning: "DisruptionTarget=True：节点被打上 Pod 无法容忍的 NoExecute 污点（例如 tolerationSeconds 到期后的 node.kubernetes.io/unreachable 或 not-ready），污点驱逐控制器删除了该 Pod。",
    check: "kubectl describe node NODE 查看 Taints 和 Ready 条件；检查 Pod 的 tolerations 与 tolerationSeconds（not-ready/unreachable 默认为 300 秒）。",
  },
  EvictionByEvictionAPI: {
    meaning: "DisruptionTarget=True：Pod 通过 Eviction API 被驱逐（kubectl drain、集群自动扩缩容缩容、节点升级），会遵守 PodDisruptionBudget。",
    check: "找出是谁在排空节点：节点事件和 cordon 状态（kubectl get node NODE）、cluster-autoscaler 日志、升级工具；检查该工作负载的 PodDisruptionBudget。",
  },
  DeletionByPodGC: {
    meaning: "DisruptionTarget=True：Pod 所在节点已不存在，或节点带有 out-of-service 污点，Pod 垃圾回收器删除了该 Pod。",
    check: "确认节点是否已被删除（kubectl get node NODE）或被打上 node.kubernetes.io/out-of-service 污点；检查云主机是否被释放。",
  },
  TerminationByKubelet: {
    meaning: "DisruptionTarget=True：kubelet 正在终止该 Pod（节点压力驱逐、节点优雅关机，或为准入关键 Pod 而抢占）。",
    check: "查看 Pod 的 status.reason/message（Evicted、Terminated、Preempting），并用 kubectl describe node NODE 检查资源压力或关机情况。",
  },
  ContainersNotReady: {
    meaning: "Ready/ContainersReady=False：部分容器未就绪（仍在启动、正在重启，或就绪探针失败）。",
    check: "condition 的信息中列出了相关容器；用 kubectl describe pod 查看 Unhealthy（就绪探针）事件和容器状态；检查 readinessProbe 的路径、端口和 initialDelaySeconds。",
  },
  ContainersNotInitialized: {
    meaning: "Initialized=False：仍有 Init 容器没有执行完成。",
    check: "kubectl logs POD -c INIT_CONTAINER 并查看 Init 容器状态；常见的是 Init 容器在等待一直不可用的依赖（数据库、Service DNS）。",
  },
  PodCompleted: {
    meaning: "Ready=False，因为所有容器都已终止，Pod 处于 Succeeded 或 Failed；对 Job 的 Pod 来说这是正常结束。",
    check: "如果是 Job 或一次性任务则无需处理；否则检查 Pod 的 phase 和各容器的退出码。",
  },

  // ----------------------------------------------------------------- events
  FailedScheduling: {
    meaning: "调度器无法把 Pod 调度到任何节点（PodScheduled=False 对应的事件）。",
    check: "查看事件信息（'0/N nodes are available: ...'）：资源不足、污点、节点亲和性/nodeSelector、PVC 未绑定或存储卷可用区冲突、反亲和性；kubectl describe nodes | grep -A8 'Allocated resources'。",
  },
  NotTriggerScaleUp: {
    meaning: "集群自动扩缩容判断：从任何节点组扩容都无法让这个 Pending 的 Pod 被调度。",
    check: "查看事件中每个节点组的原因（已达最大节点数、节点亲和性/nodeSelector、污点、资源需求超过机型规格）；查看 cluster-autoscaler 日志和节点组配置。",
  },
  FailedMount: {
    meaning: "kubelet 无法为 Pod 挂载存储卷，Pod 会一直停留在 ContainerCreating，直到挂载成功。",
    check: "查看事件信息：ConfigMap/Secret 不存在（'configmap \"x\" not found'）；'timed out waiting for the condition'（卷未挂接，参见 FailedAttachVolume）；CSI 驱动报错（kubectl get pods -n kube-system | grep csi）；NFS 服务器是否可达。",
  },
  FailedAttachVolume: {
    meaning: "AttachDetach 控制器无法把存储卷挂接到节点上。",
    check: "'Multi-Attach error' 表示 ReadWriteOnce 卷仍挂接在另一个节点上（旧 Pod 仍在终止，或节点宕机：kubectl get volumeattachment）；其他情况查看 CSI controller 日志以及云盘配额和可用区。",
  },
  FailedMapVolume: {
    meaning: "kubelet 无法把块设备卷（volumeMode: Block）映射给 Pod。",
    check: "查看事件信息；查看节点上 CSI node 插件的日志；核对 Pod 的 volumeDevices 与 PV 的 volumeMode。",
  },
  FailedUnMount: {
    meaning: "kubelet 在清理 Pod 时无法卸载其某个卷（较旧的 kubelet）；在卸载成功之前 Pod 可能一直处于 Terminating。",
    check: "查看事件信息；在节点上执行 mount | grep POD_UID，查找仍占用卷内文件的进程（lsof），并查看 CSI node 插件的日志。",
  },
  AlreadyMountedVolume: {
    meaning: "该卷已以不同于本 Pod fsGroup 的属组挂载，可能无法与本 Pod 共享。",
    check: "核对共享该卷的各个 Pod 的 spec.securityContext.fsGroup，以及节点上卷的属组。",
  },
  FailedMountOnFilesystemMismatch: {
    meaning: "卷的实际文件系统与其声明的不符（块设备被格式化成了另一种 fsType），kubelet 拒绝挂载。",
    check: "对比 PV 的 fsType 与设备的实际文件系统（在节点上执行 blkid）；确认磁盘是否在 Kubernetes 之外被格式化过。",
  },
  VolumeResizeFailed: {
    meaning: "Pod 的某个卷扩容失败。",
    check: "kubectl describe pvc PVC（conditions、事件）；检查 StorageClass 的 allowVolumeExpansion，以及 CSI 驱动 resizer 的日志。",
  },
  FileSystemResizeFailed: {
    meaning: "卷已扩容，但 kubelet 无法在节点上扩展卷上的文件系统。",
    check: "查看事件信息；查看节点上 CSI node 插件的日志；确认文件系统类型（resize2fs / xfs_growfs 是否支持）。",
  },
  FailedPrepareDynamicResources: {
    meaning: "kubelet 无法通过驱动准备 Pod 的动态分配资源（DRA ResourceClaim），Pod 无法启动。",
    check: "kubectl describe resourceclaim -n NS（分配结果、reservedFor）；查看节点上 DRA 驱动的 kubelet 插件 Pod 及其日志。",
  },
  FailedBinding: {
    meaning: "PersistentVolumeClaim 的事件：PV 控制器找不到可绑定的 PersistentVolume，也无法动态创建（例如没有 StorageClass）。",
    check: "kubectl describe pvc PVC：检查 storageClassName（或是否存在默认 StorageClass：kubectl get storageclass）、申请的容量和 accessModes 是否与现有 PV 匹配。",
  },
  ProvisioningFailed: {
    meaning: "PersistentVolumeClaim 的事件：为该 PVC 动态创建存储卷失败。",
    check: "用 kubectl describe pvc PVC 查看 provisioner 的报错：StorageClass 参数、云上配额或权限、可用区限制；查看 CSI controller 日志。",
  },
  FailedCreatePodSandBox: {
    meaning: "kubelet 无法创建 Pod 沙箱（pause 容器和网络命名空间），最常见的是 CNI 报错。",
    check: "查看事件信息：'failed to setup network for sandbox'（检查节点上的 CNI 插件 Pod、子网/IP 池地址是否耗尽）、pause 镜像拉取失败、运行时报错（journalctl -u containerd）。",
  },
  FailedPodSandBoxStatus: {
    meaning: "kubelet 无法从容器运行时获取 Pod 沙箱的状态。",
    check: "检查节点上的容器运行时：crictl pods、journalctl -u containerd（或 crio）；运行时是否过载或在重启。",
  },
  SandboxChanged: {
    meaning: "Pod 沙箱已丢失或发生变化（运行时重启、节点重启、pause 容器被杀、网络命名空间丢失），kubelet 会杀掉并重建所有容器。",
    check: "排查节点重启和运行时重启（journalctl -u containerd -u kubelet）、节点内存压力导致 pause 容器被杀、CNI 报错；频繁出现说明是节点问题。",
  },
  NetworkNotReady: {
    meaning: "节点的容器网络未就绪（NetworkReady=false，CNI 未初始化），kubelet 无法启动该 Pod。",
    check: "检查该节点上的 CNI DaemonSet Pod 及其日志、节点上的 /etc/cni/net.d，以及 kubectl describe node NODE。",
  },
  FailedKillPod: {
    meaning: "kubelet 停止 Pod 的容器或沙箱失败。",
    check: "查看事件信息（KillContainerError / KillPodSandboxError，常见于 CNI 网络清理失败）；查看节点上的 kubelet 与运行时日志；用 crictl ps -a 检查残留容器。",
  },
  FailedSync: {
    meaning: "kubelet 同步 Pod 时出现的通用错误（例如无法从运行时获取 Pod 状态）。",
    check: "查看事件信息；查看节点上的 kubelet 日志（journalctl -u kubelet），并检查容器运行时是否健康（crictl info）。",
  },
  FailedCreatePodContainer: {
    meaning: "kubelet 无法创建 Pod 级别的 cgroup（'unable to ensure pod container exists'）。",
    check: "查看事件信息；检查 kubelet 与运行时的 cgroup 驱动是否一致（systemd 与 cgroupfs）、systemd 是否健康、节点 PID 或内存是否耗尽。",
  },
  BackOff: {
    meaning: "kubelet 正在退避：'Back-off restarting failed container'（容器反复崩溃）或 'Back-off pulling image'（镜像拉取失败）。",
    check: `先看是哪种信息：重启类用 ${PREVIOUS_LOGS} 并查看退出码；镜像拉取类查看带有仓库报错的 Failed 事件。`,
  },
  Failed: {
    meaning: "kubelet 的通用失败事件：拉取镜像失败，或创建、启动容器失败（'Error: ...'）。",
    check: "查看事件信息：'Failed to pull image'（镜像名、凭据、限流）、'Error: configmap/secret not found'（配置问题）、'Error: failed to create containerd task'（启动命令或运行时问题）。",
  },
  InspectFailed: {
    meaning: "kubelet 查询镜像信息失败，或无法解析镜像地址（此时容器显示为 InvalidImageName 或 ImageInspectError）。",
    check: "查看事件信息；检查镜像地址的格式；在节点上执行 crictl inspecti IMAGE 并查看运行时日志。",
  },
  Unhealthy: {
    meaning: "存活、就绪或启动探针检查失败。存活/启动探针失败会重启容器；就绪探针失败会把 Pod 从 Service 的 Endpoints 中摘除。",
    check: "查看事件信息（探针类型、HTTP 状态码或 'connection refused'/超时）；检查探针的路径、端口、timeoutSeconds、failureThreshold 和 initialDelaySeconds，启动慢的应用应配置 startupProbe；CPU 限流也会导致应用响应超时。",
  },
  ProbeWarning: {
    meaning: "探针检查通过但带有警告，例如 HTTP 探针被重定向到其他主机（不会跟随该重定向，按成功处理）。",
    check: "查看事件信息以及探针 httpGet 的 path/host；让健康检查接口在 Pod IP 上直接返回 2xx/3xx。",
  },
  Killing: {
    meaning: "kubelet 正在停止容器：Pod 被删除、存活/启动探针失败（'failed liveness probe, will be restarted'）、容器定义变更、驱逐或抢占。",
    check: "事件信息中说明了原因；探针导致的重启参见 Unhealthy 事件；非预期的停止需查明是谁删除或驱逐了 Pod（事件、DisruptionTarget condition）。",
  },
  FailedPostStartHook: {
    meaning: "容器的 lifecycle.postStart 钩子执行失败，kubelet 会杀掉该容器（PostStartHookError）。",
    check: "查看事件信息（钩子的退出码或 HTTP 错误）；在镜像中验证钩子命令；钩子不能等待应用就绪。",
  },
  FailedPreStopHook: {
    meaning: "容器的 lifecycle.preStop 钩子执行失败或超时，容器仍会被停止。",
    check: "查看事件信息；确认钩子命令在镜像中存在（例如 distroless 镜像中没有 sleep），以及其耗时是否超过 terminationGracePeriodSeconds。",
  },
  UnfinishedPreStopHook: {
    meaning: "终止宽限期用完时容器的 preStop 钩子仍在运行，容器在钩子完成之前就被杀掉了。",
    check: "对比 preStop 命令的耗时与 terminationGracePeriodSeconds；查看删除前后的容器日志。",
  },
  ExceededGracePeriod: {
    meaning: "容器运行时未能在优雅终止期限内停止 Pod。",
    check: "检查是否有进程忽略 SIGTERM 或卡在 I/O 上；检查 terminationGracePeriodSeconds；查看节点上的运行时日志（journalctl -u containerd）。",
  },
  FailedValidation: {
    meaning: "kubelet 拒绝了未通过校验的 Pod，通常是从文件或 URL 读取的静态 Pod 清单。",
    check: "查看事件信息以及 kubelet staticPodPath 中的清单（通常是 /etc/kubernetes/manifests）；用 kubectl apply --dry-run=server -f FILE 校验。",
  },
  Preempted: {
    meaning: "调度器为了给更高优先级的 Pod 腾出资源，抢占（删除）了该 Pod（'Preempted by pod ... on node ...'）。",
    check: "查看抢占者 Pod 及其 PriorityClass、被抢占 Pod 的优先级；检查集群容量，或使用 preemptionPolicy: Never 的 PriorityClass。",
  },
  NodeNotReady: {
    meaning: "Pod 所在节点处于 NotReady，节点生命周期控制器把该 Pod 标记为未就绪。",
    check: "kubectl describe node NODE 查看 Ready 条件及原因（kubelet 停止上报状态、运行时故障、资源压力）；检查节点的 kubelet 和网络。",
  },
  TaintManagerEviction: {
    meaning: "节点上有 Pod 无法容忍的 NoExecute 污点，污点驱逐控制器将该 Pod 标记为待删除（或取消了该删除）。",
    check: "kubectl describe node NODE 查看 Taints（unreachable、not-ready 或自定义的 NoExecute 污点）；检查 Pod 的 tolerations 与 tolerationSeconds。",
  },
  HostPortConflict: {
    meaning: "所申请的 hostPort 在节点上已被占用（旧版本 kubelet 报告）。",
    check: "检查 spec.containers[].ports[].hostPort 以及节点上占用同一端口的 Pod；优先使用 Service，或用反亲和性保证每个节点只运行一个此类 Pod。",
  },
  OutOfDisk: {
    meaning: "节点磁盘空间耗尽（Kubernetes 1.13 之前的 OutOfDisk 节点条件；新版本集群表现为 DiskPressure 和驱逐）。",
    check: "检查节点磁盘使用情况（df -h /var/lib/kubelet /var/lib/containerd）、镜像与容器垃圾回收阈值以及日志量。",
  },

  // ------------------------------------------------------- progress events
  Scheduled: {
    meaning: "调度器已把 Pod 分配到某个节点。",
    check: "无需处理；从创建到该事件的时间就是调度耗时。",
  },
  TriggeredScaleUp: {
    meaning: "集群自动扩缩容正在增加节点，以便调度这个 Pending 的 Pod。",
    check: "若 Pod 一直 Pending，检查新节点的创建情况（云主机配额、节点组最大节点数）以及节点是否成功加入集群。",
  },
  Pulling: {
    meaning: "kubelet 开始拉取容器镜像。",
    check: "如果之后没有 Pulled 事件，说明拉取缓慢或卡住：检查镜像大小、仓库吞吐，以及 kubelet 配置中的 serializeImagePulls/maxParallelImagePulls。",
  },
  Pulled: {
    meaning: "镜像已拉取完成，或节点上已存在该镜像；事件信息中给出了拉取耗时和镜像大小。",
    check: "无需处理；拉取耗时过长可考虑精简镜像、使用镜像缓存/加速或预拉取。",
  },
  Created: {
    meaning: "容器运行时已创建容器。",
    check: "无需处理；如果之后没有 Started 事件，参见 RunContainerError/StartError。",
  },
  Started: {
    meaning: "容器运行时已启动容器进程。",
    check: "无需处理；容器反复启动说明处于崩溃循环（参见 BackOff/CrashLoopBackOff）。",
  },
};
