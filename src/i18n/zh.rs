//! Simplified Chinese messages, keyed by stable message id, sorted by id (a test checks
//! the order and that every id exists in every language with the same placeholders).
//! The English rule texts equal the rule registry's (a test checks) until the registry reads them here.

pub(super) static MESSAGES: &[(&str, &str)] = &[
    ("count.baseline-entry.one", "{n} 条记录"),
    ("count.baseline-entry.other", "{n} 条记录"),
    ("count.entry.one", "{n} 项政策条目"),
    ("count.entry.other", "{n} 项政策条目"),
    ("count.error.one", "{n} 个错误"),
    ("count.error.other", "{n} 个错误"),
    ("count.file.one", "{n} 个文件"),
    ("count.file.other", "{n} 个文件"),
    ("count.finding.one", "{n} 条问题"),
    ("count.finding.other", "{n} 条问题"),
    ("count.input.one", "{n} 个输入"),
    ("count.input.other", "{n} 个输入"),
    ("count.note.one", "{n} 个提示"),
    ("count.note.other", "{n} 个提示"),
    ("count.request.one", "{n} 项申请"),
    ("count.request.other", "{n} 项申请"),
    ("count.row.one", "{n} 行"),
    ("count.row.other", "{n} 行"),
    ("count.warning.one", "{n} 个警告"),
    ("count.warning.other", "{n} 个警告"),
    ("explain.added-in", "引入于"),
    ("explain.advisory", "{rule}（{severity}）：{message}"),
    ("explain.android", "Android（{origin}）"),
    ("explain.android-match", "Android 权限"),
    ("explain.android.aosp", "AOSP 平台权限"),
    (
        "explain.android.outside",
        "在 Android 框架之外定义：{origin}",
    ),
    ("explain.api", "API {api}"),
    ("explain.deprecated", "已弃用"),
    ("explain.deprecated.from", "自 API {level} 起"),
    (
        "explain.deprecated.from-unconfirmed",
        "自 API {level} 起（级别未经确认）",
    ),
    ("explain.deprecated.removed", "已移除（级别未记录）"),
    (
        "explain.deprecated.successor",
        "{when}；替代项：{successors}",
    ),
    ("explain.disclosed-by", "披露于"),
    ("explain.disclosed-by.none", "无政策行"),
    ("explain.flags", "标记"),
    ("explain.guards", "保护对象"),
    ("explain.if-requested", "若申请"),
    ("explain.introduced", "引入于"),
    ("explain.ios", "iOS（Info.plist 用途说明键）"),
    ("explain.ios.version", "iOS {version}"),
    ("explain.known-from", "依据：{source}"),
    ("explain.label", "{label}："),
    ("explain.no-advisory", "无建议"),
    ("explain.not-requested", "{name}：被审计的应用未申请"),
    ("explain.note", "备注"),
    ("explain.platform", "平台"),
    ("explain.play", "Google Play"),
    ("explain.play.declaration", "（须在 Play 管理中心提交声明）"),
    ("explain.play.policy", "{policy} 政策{declaration}"),
    ("explain.policy", "隐私政策"),
    ("explain.policy.value", "{name}（{path}）"),
    ("explain.protection", "保护级别"),
    (
        "explain.protection.install-time",
        "安装时权限：无需询问用户即授予",
    ),
    ("explain.protection.never", "从应用商店安装的应用无法获得"),
    ("explain.protection.not-recorded", "未记录"),
    ("explain.protection.runtime", "运行时权限：需征得用户同意"),
    (
        "explain.protection.special",
        "特殊访问权限：通过系统设置页面、app-op 或角色授予",
    ),
    ("explain.protection.value", "{protection}（{kind}）"),
    ("explain.purpose", "用途说明：{purpose}"),
    ("explain.request", "{at}（{build}）"),
    ("explain.request.origin", "{request}，来自 {via} [{kind}]"),
    ("explain.request.written", "{request}，直接写在该文件中"),
    ("explain.requested-at", "{name}：被审计的应用在以下位置申请"),
    ("explain.row", "{platform} 第 {n} 行{label}（{at}）"),
    ("explain.row.name", "“{name}”"),
    (
        "explain.row.through",
        "{row}，经由 {permission}（替代权限匹配）",
    ),
    ("explain.several", "{query} 可能指以下 {n} 项权限或键："),
    ("explain.translation", "{language}：{text}（{at}）"),
    (
        "explain.untranslated",
        "{language}：无译文（{at}）；权限弹窗改为显示原用途说明",
    ),
    ("explain.zh-names", "中文名称"),
    (
        "finding.deprecated-permission.help",
        "改为申请替代权限，并用 android:maxSdkVersion 限定旧权限（详情中写明了两者）",
    ),
    (
        "finding.deprecated-permission.title",
        "{permission} 已弃用或不再生效",
    ),
    (
        "finding.duplicate-disclosure.help",
        "合并这些行，或在其中一行写明所有用途",
    ),
    (
        "finding.duplicate-disclosure.title",
        "{permission} 在政策的多行中重复列出",
    ),
    (
        "finding.empty-purpose.help",
        "写一句话说明应用用这些数据做什么",
    ),
    (
        "finding.empty-purpose.title",
        "{permission} 的用途说明为空或是占位文字",
    ),
    (
        "finding.generated-mismatch.help",
        "重新运行生成工具并提交结果，或从配置中删除该权限",
    ),
    (
        "finding.generated-mismatch.title",
        "{permission} 在配置中，但不在已提交的生成文件中",
    ),
    (
        "finding.ignored-build-setting.help",
        "设置 GENERATE_INFOPLIST_FILE = YES，或把该键移到目标的 Info.plist 中",
    ),
    (
        "finding.ignored-build-setting.title",
        "{permission} 写在 Xcode 会忽略的构建设置中",
    ),
    (
        "finding.missing-companion.help",
        "同时申请配套权限（并披露它）",
    ),
    (
        "finding.missing-companion.title",
        "申请了 {permission}，却缺少它必需的配套权限",
    ),
    (
        "finding.missing-translation.help",
        "在详情列出的每种语言的 InfoPlist.strings 或 InfoPlist.xcstrings 中加入该用途说明",
    ),
    (
        "finding.missing-translation.title",
        "{permission} 的用途说明未翻译为应用支持的全部语言",
    ),
    ("finding.origin", "由 {by} 合并进最终清单（{at}）"),
    (
        "finding.origin-implied",
        "由清单合并工具隐式添加：{by}（{at}）",
    ),
    ("finding.policy", "依据隐私政策 {policy} 审计"),
    (
        "finding.policy-outdated.help",
        "在该行写上应用实际申请的替代权限",
    ),
    (
        "finding.policy-outdated.title",
        "{row}写的 {permission} 已被替代，应用申请的是它的替代权限",
    ),
    (
        "finding.restricted-permission.help",
        "在 Play 管理中心完成声明，或删除该权限",
    ),
    (
        "finding.restricted-permission.title",
        "{permission} 是 Google Play 的受限权限",
    ),
    (
        "finding.unaudited-platform.help",
        "在隐私政策中加入 macos: 表（格式与 ios: 相同）",
    ),
    (
        "finding.unaudited-platform.title",
        "{platform} 应用未被审计：隐私政策没有 macos 表",
    ),
    (
        "finding.undeclared.help",
        "把它加入说明其用途的政策行，或停止申请它",
    ),
    (
        "finding.undeclared.title",
        "已申请 {permission}，但隐私政策的 {platform} 权限表没有任何一行披露它",
    ),
    (
        "finding.unknown-permission.help",
        "改正拼写（详情中给出了最接近的名称）",
    ),
    (
        "finding.unknown-permission.title",
        "{permission} 不是 Android 定义过的权限",
    ),
    (
        "finding.unobtainable-permission.help",
        "从清单中删除它（SDK 合并进来的用 tools:node=\"remove\"），并从政策中删除",
    ),
    (
        "finding.unobtainable-permission.title",
        "从应用商店安装的应用永远无法获得 {permission}",
    ),
    (
        "finding.unread-source.help",
        "把工具生成的内容交给 permaudit（npx expo config --json 的输出、原生目录、构建出的 APK 或 IPA）",
    ),
    (
        "finding.unread-source.title",
        "permaudit 未读取的权限来源：审计不完整",
    ),
    (
        "finding.unresolved-build-value.help",
        "把该值写成字面量，或构建该变体后审计其合并后的清单",
    ),
    (
        "finding.unresolved-build-value.title",
        "无法静态读取的 Gradle 构建值",
    ),
    (
        "finding.unused.help",
        "从政策中删除它，或把申请它的文件也纳入审计",
    ),
    (
        "finding.unused.title",
        "{row}披露了 {permission}，但被审计的 {platform} 输入都没有申请它",
    ),
    ("finding.variants", "所属构建变体：{variants}"),
    ("finding.zh-name", "{permission}（{zh}）"),
    ("html.ack.expired", "已过期：问题重新报告"),
    ("html.ack.hides", "隐藏了一条问题"),
    ("html.ack.never", "永不"),
    ("html.ack.unmatched", "未匹配任何问题"),
    ("html.acks", "确认项与基线"),
    ("html.acks.none", "配置中没有确认项。"),
    ("html.advisories", "建议"),
    (
        "html.advisories.about",
        "权限知识库对申请和政策的判断：已弃用、受限、无法获得或未知的权限，占位用途说明，缺少的配套权限。",
    ),
    ("html.app", "应用"),
    ("html.at", "位置"),
    ("html.audited", "已审计 {inputs}"),
    (
        "html.baseline",
        "基线 {baseline} 隐藏了 {findings}；{stale}已不再出现。",
    ),
    ("html.baseline.none", "没有基线。"),
    ("html.col.acknowledged", "被确认项隐藏"),
    ("html.col.baselined", "被基线隐藏"),
    ("html.col.disclosed", "已披露"),
    ("html.col.errors", "错误"),
    ("html.col.expires", "到期"),
    ("html.col.notes", "提示"),
    ("html.col.permission", "权限"),
    ("html.col.platform", "平台"),
    ("html.col.reason", "理由"),
    ("html.col.requested", "申请"),
    ("html.col.requested-at", "申请位置"),
    ("html.col.row", "政策行"),
    ("html.col.stale", "过时的政策条目"),
    ("html.col.state", "状态"),
    ("html.col.status", "状态"),
    ("html.col.undeclared", "未披露"),
    ("html.col.warnings", "警告"),
    ("html.col.written-at", "所在位置"),
    ("html.config", "配置"),
    ("html.date", "报告日期"),
    ("html.findings", "披露问题"),
    ("html.generator", "生成工具"),
    ("html.input", "{path}（{platform}，{kind}，{requests}）"),
    ("html.inputs", "已审计的输入"),
    (
        "html.matrix.line",
        "{requests}中已披露 {disclosed} 项，未披露 {undeclared} 项；{stale}已过时。",
    ),
    ("html.matrix.title", "{platform}：政策行 × 申请"),
    ("html.no-row", "（无对应行）"),
    ("html.none", "无。"),
    ("html.not-audited", "未审计的内容"),
    (
        "html.not-audited.binary",
        "{path}（{kind}）：没有行号的二进制格式；问题只指出文件，不显示源代码行。",
    ),
    (
        "html.not-audited.platform",
        "{platform}：没有审计该平台的任何输入；政策中该平台的 {rows}未与应用比对。",
    ),
    (
        "html.not-audited.scope",
        "只读取了本报告列出的文件。构建时从其他地方加入的权限（未合并进被审计清单的库清单、未审计的构建变体或目标、仅在运行时出现的 SDK 行为）不在覆盖范围内。",
    ),
    ("html.policy", "政策"),
    ("html.policy-only", "（仅政策）"),
    ("html.policy-source", "政策来源"),
    ("html.status.disclosed", "已披露且已申请"),
    ("html.status.disclosed-as", "已披露；申请的是 {other}"),
    ("html.status.stale", "过时：已披露但未申请"),
    ("html.status.undeclared", "未披露：已申请但未披露"),
    ("html.summary", "摘要"),
    ("html.title", "权限披露报告"),
    ("html.variant-policy", "各变体的政策"),
    ("html.verdict.clean", "没有问题：政策与应用一致"),
    ("html.verdict.fail", "不宜发布：披露问题需要处理"),
    ("html.verdict.warnings", "没有错误；有警告需要复核"),
    ("human.audited", "已审计 {what}："),
    ("human.audited-inputs", "{files}（{inputs}）"),
    ("human.builtin", "内置"),
    (
        "human.clean",
        "没有问题：申请的每项权限都已披露，披露的每项权限都有申请。",
    ),
    ("human.clean.hidden", "没有显示的问题。"),
    (
        "human.clean.lint",
        "没有问题：政策只列出了现行、可获得的权限，每项一次，且都写明了用途。",
    ),
    ("human.config", "配置：{config}"),
    (
        "human.coverage",
        "{platform}：{requests}中已披露 {disclosed} 项，未披露 {undeclared} 项，{stale}已过时",
    ),
    ("human.input", "{path}（{detail}）"),
    ("human.input.build", "{build}：{path}（{detail}）"),
    ("human.input.own", "{n} 项自有"),
    ("human.input.policy", "隐私政策 {policy}"),
    ("human.input.project", "项目文件：见其发现"),
    ("human.input.removed", "{n} 项已移除"),
    ("human.lint", "仅检查政策本身（没有应用文件）"),
    ("human.list-separator", "，"),
    ("human.none", "无"),
    ("human.policy", "政策：{name}（{origin}）"),
    (
        "human.selected",
        "规则：仅 {rules}（--select），其余规则均未运行",
    ),
    ("human.summary", "{errors}，{warnings}，{notes}"),
    (
        "human.variant-policy",
        "变体 {glob} 的隐私政策：{name}（{path}）；已审计：{variants}",
    ),
    ("human.variant-policy.none", "没有已审计的变体与之匹配"),
    ("junit.other", "其他问题"),
    ("junit.requests", "{platform} 权限申请"),
    ("junit.row.named", "第 {n} 行：{name}"),
    ("junit.rows", "{platform} 政策行"),
    ("label.disclosed-by", "由{row}披露"),
    ("label.help", "帮助"),
    ("label.note", "提示"),
    ("label.requested-here", "在此申请"),
    ("label.row.named", "“{name}”一行"),
    ("label.row.numbered", "第 {n} 行"),
    ("label.set-here", "在此设置"),
    ("markdown.acknowledged", "{findings}被配置中的确认项隐藏"),
    ("markdown.baselined", "{findings}被基线 `{baseline}` 隐藏"),
    (
        "markdown.expired",
        "`{permission}` 的确认项（`{location}`）已于 {date} **过期**：{reason}",
    ),
    ("markdown.header", "| 级别 | 规则 | 权限 | 位置 | 说明 |"),
    (
        "markdown.line",
        "共 **{errors}**、**{warnings}**、**{notes}**，审计 {files}，对照 *{policy}*（`{path}`）；配置：{config}。",
    ),
    (
        "markdown.stale",
        "过时的基线记录：`{path}` 中的 `{rule}` `{permission}` 已不再出现",
    ),
    ("markdown.suppressed", "被隐藏和过时的项"),
    ("markdown.title", "permaudit：{verdict}"),
    (
        "markdown.unmatched",
        "`{permission}` 的确认项（`{location}`）没有匹配任何问题（可以删除？）",
    ),
    ("markdown.verdict.clean", "没有问题"),
    ("markdown.verdict.errors", "权限披露需要处理"),
    ("markdown.verdict.warnings", "只有警告"),
    (
        "msg.acknowledgement-expired",
        "{message}（它的确认项 {at} 已于 {date} 过期：“{reason}”；请更新 `expires`，或披露该权限）",
    ),
    (
        "msg.deprecated-permission.cap",
        "仅为旧设备保留它，设置 android:maxSdkVersion=\"{last}\"",
    ),
    (
        "msg.deprecated-permission.from-api",
        "自 API {level} 起已弃用或不再生效",
    ),
    (
        "msg.deprecated-permission.from-api-unconfirmed",
        "自 API {level} 起已弃用或不再生效（该级别未经目录来源确认）",
    ),
    (
        "msg.deprecated-permission.instead",
        "改为申请 {successors}，并{advice}",
    ),
    (
        "msg.deprecated-permission.ios.add",
        "加入 {successors}（仅在应用仍支持 iOS {version} 以下版本时保留此键）",
    ),
    (
        "msg.deprecated-permission.ios.remove",
        "在应用不再支持 iOS {version} 以下版本后删除它",
    ),
    (
        "msg.deprecated-permission.lower-cap",
        "把它的 android:maxSdkVersion=\"{cap}\" 降到 {last}，即它仍生效的最后一级",
    ),
    (
        "msg.deprecated-permission.policy",
        "{row}列出的 {permission} {what}；{advice}",
    ),
    (
        "msg.deprecated-permission.policy.remove",
        "在应用所有受支持的版本都不再申请它之后，从政策中删除它",
    ),
    (
        "msg.deprecated-permission.policy.successor",
        "改写为它的替代权限 {successors}（应用在新系统版本上申请的权限）",
    ),
    ("msg.deprecated-permission.remove", "删除它"),
    (
        "msg.deprecated-permission.removed",
        "已从 Android 中移除，申请它得不到任何授权",
    ),
    (
        "msg.deprecated-permission.request",
        "{permission} {what}；{advice}",
    ),
    (
        "msg.deprecated-permission.since-ios",
        "自 iOS {version} 起已弃用",
    ),
    (
        "msg.duplicate-disclosure",
        "{row}再次列出了 {permission}，它已由{earlier}（{at}）披露；合并这些行，或在其中一行写明所有用途",
    ),
    (
        "msg.empty-purpose.policy",
        "{platform} 权限表{row}的用途说明{why}；每条披露都必须说明应用为何使用该权限：请添加 `purpose`",
    ),
    (
        "msg.empty-purpose.request",
        "{permission} 的用途说明{why}{shown}；App Store 审核会拒绝不说明用途的权限弹窗；写一句话说明应用用这些数据做什么",
    ),
    ("msg.empty-purpose.shown", "（“{purpose}”）"),
    (
        "msg.empty-purpose.translation",
        "{permission} 的 {language} 译文{why}{shown}；该语言的用户看到的权限弹窗不说明用途；请翻译 Info.plist 中的那句话",
    ),
    ("msg.empty-purpose.why.blank", "只有空白"),
    ("msg.empty-purpose.why.empty", "为空"),
    ("msg.empty-purpose.why.missing", "缺失"),
    ("msg.empty-purpose.why.not-a-string", "不是字符串"),
    ("msg.empty-purpose.why.placeholder", "是占位文字"),
    (
        "msg.generated-mismatch",
        "{config} 申请了 {permission}{via}，但已提交的 {native} 中没有它，说明{output}已过时；请运行 `{command}` 并提交结果，或从配置中删除它",
    ),
    ("msg.generated-mismatch.platform", "其平台文件"),
    ("msg.generated-mismatch.prebuild", "其 prebuild 输出"),
    ("msg.generated-mismatch.via", "，来自 {via}"),
    (
        "msg.ignored-build-setting",
        "{setting} 被忽略：{why}，所以 Xcode 不会把 {key} 加入 {target}（{configuration}）的 Info.plist；请设置 GENERATE_INFOPLIST_FILE = YES，或把该键移到 {file} 中",
    ),
    ("msg.ignored-build-setting.a-plist", "Info.plist 文件"),
    (
        "msg.ignored-build-setting.no",
        "GENERATE_INFOPLIST_FILE 在 {at} 被设为 NO",
    ),
    (
        "msg.ignored-build-setting.pods",
        "{file} 不存在（CocoaPods 在 `pod install` 时生成它），未被读取：CocoaPods 的配置不设置任何 Info.plist 键",
    ),
    (
        "msg.ignored-build-setting.unset",
        "未设置 GENERATE_INFOPLIST_FILE（默认为 NO）",
    ),
    (
        "msg.ignored-build-setting.xcodegen",
        "{setting} 被忽略：目标 {target}（{configuration}）的 GENERATE_INFOPLIST_FILE 不是 YES，所以 Xcode 不会把 {key} 加入它的 Info.plist；请设置 GENERATE_INFOPLIST_FILE: YES，或把该键移到 info.properties 中",
    ),
    ("msg.list", "{first}、{rest}"),
    (
        "msg.missing-companion",
        "申请了 {permission}，却没有申请 {wanted}：{why}；请同时申请并披露它",
    ),
    (
        "msg.missing-companion.always-location.wanted",
        "NSLocationWhenInUseUsageDescription",
    ),
    (
        "msg.missing-companion.always-location.why",
        "iOS 11 及以上版本在没有“使用期间”键时会忽略“始终”键，定位授权因此失败",
    ),
    (
        "msg.missing-companion.background-location.wanted",
        "android.permission.ACCESS_COARSE_LOCATION 或 ACCESS_FINE_LOCATION",
    ),
    (
        "msg.missing-companion.background-location.why",
        "只有已获得前台位置权限时，才会授予后台位置权限",
    ),
    (
        "msg.missing-companion.fine-location.wanted",
        "android.permission.ACCESS_COARSE_LOCATION",
    ),
    (
        "msg.missing-companion.fine-location.why",
        "面向 Android 12（API 31）及以上版本的应用必须与 ACCESS_FINE_LOCATION 一起申请它，因为用户可以只授予大致位置",
    ),
    (
        "msg.missing-companion.foreground-service.wanted",
        "应用所用每种 foregroundServiceType 对应的 android.permission.FOREGROUND_SERVICE_<TYPE> 权限",
    ),
    (
        "msg.missing-companion.foreground-service.why",
        "面向 Android 14（API 34）及以上版本的应用没有它就无法启动前台服务",
    ),
    (
        "msg.missing-translation",
        "应用已本地化为 {languages}，但 {permission} 没有相应译文；{those}的用户看到的是开发语言的权限弹窗；请在 {file} 中加入 \"{key}\" = \"…\";",
    ),
    (
        "msg.missing-translation.file",
        "{language}.lproj/InfoPlist.strings",
    ),
    (
        "msg.missing-translation.files",
        "各语言的 <lang>.lproj/InfoPlist.strings",
    ),
    (
        "msg.missing-translation.more",
        "{languages} 及另外 {more} 种语言",
    ),
    ("msg.missing-translation.that-language", "该语言"),
    ("msg.missing-translation.those-languages", "这些语言"),
    ("msg.name", "{name}"),
    ("msg.nothing", ""),
    ("msg.or", "{first} 或 {rest}"),
    (
        "msg.policy-outdated",
        "{row}写的 {permission} 已被替代，应用申请的是它的替代权限 {names}，该行只是通过替代关系匹配才覆盖了它；请在该行写上 {names}",
    ),
    (
        "msg.restricted-permission.policy",
        "{row}披露了 {permission}，它受 Google Play 限制（“{policy}”政策）：应用需要在 Play 管理中心提交声明，且声明的用途与该行的用途一致",
    ),
    (
        "msg.restricted-permission.request",
        "{permission} 受 Google Play“{policy}”政策约束：只有在 Play 管理中心声明了符合条件的核心用途，Play 才会发布该应用；请完成声明，或删除该权限",
    ),
    (
        "msg.unaudited-platform.one",
        "{what} 是 macOS 应用，未被审计：隐私政策没有 `macos:` 表（它的 {keys} 条用途说明未被判断，iOS 的行不覆盖 macOS 应用）；请在隐私政策中加入 `macos:` 表",
    ),
    (
        "msg.unaudited-platform.other",
        "{what} 是 macOS 应用，未被审计：隐私政策没有 `macos:` 表（它的 {keys} 条用途说明都未被判断，iOS 的行不覆盖 macOS 应用）；请在隐私政策中加入 `macos:` 表",
    ),
    (
        "msg.undeclared",
        "已申请 {permission}，但隐私政策的 {platform} 权限表没有任何一行披露它；把它加入说明其用途的政策行，或停止申请它",
    ),
    (
        "msg.undeclared.lowered",
        "{message}（安装时授予的 `normal` 权限：按 undeclared-normal 设置报告为{severity}）",
    ),
    ("msg.undeclared.origin", "{message}（来自 {via}）"),
    (
        "msg.unknown-permission.check-spelling",
        "请对照 Android 文档检查拼写",
    ),
    (
        "msg.unknown-permission.did-you-mean",
        "是否应为 {nearest}？",
    ),
    (
        "msg.unknown-permission.policy",
        "{row}披露了 {permission}，但没有任何 Android 版本定义过它；{fix}",
    ),
    (
        "msg.unknown-permission.request",
        "{permission} 不是任何 Android 版本定义过的权限，申请它得不到任何授权；{fix}",
    ),
    (
        "msg.unobtainable-permission.policy",
        "{row}披露了 {permission}，它的保护级别是 {protection}：从应用商店安装的应用永远无法获得它；请从政策和应用中删除它",
    ),
    (
        "msg.unobtainable-permission.request",
        "{permission} 的保护级别是 {protection}：Android 从不把它授予从应用商店安装的应用，申请它没有任何作用；请删除它（若由库合并进来，用 tools:node=\"remove\"）",
    ),
    (
        "msg.unread-source.capacitor",
        "{file} 是 Capacitor 应用，但缺少存放其权限的 {missing} 目录；请运行 `npx cap add android` / `npx cap add ios` 并提交这些目录，或审计构建出的 APK 或 IPA",
    ),
    ("msg.unread-source.capacitor.both", "android/ 和 ios/"),
    (
        "msg.unread-source.cordova-plugin",
        "此处引用了 Cordova 插件 {plugin}，但 plugins/ 和 node_modules/ 中都没有它的 plugin.xml，因此未读取它添加的权限；请在审计前运行 `cordova prepare`（或 `npm install`），或提交 plugins/ 目录",
    ),
    (
        "msg.unread-source.expo-code",
        "{file} 是 Expo 为生成应用配置而运行的代码，permaudit 不运行代码，因此未读取它设置的权限（{base}）；请在该目录中运行 `npx expo config --json > expo-config.json` 并在命令行中指定该文件，或提交 `npx expo prebuild` 生成的 android/ 和 ios/ 目录",
    ),
    ("msg.unread-source.expo-code.alone", "其旁边没有 app.json"),
    (
        "msg.unread-source.expo-code.base",
        "已把 {file} 作为其基础读取，但这段代码可以修改或替换它",
    ),
    (
        "msg.unread-source.expo-local-plugin",
        "本地配置插件 {plugin} 是可在 prebuild 时添加权限的代码，permaudit 不运行它；请在命令行中指定 `npx expo config --type introspect --json` 的输出，或提交 `npx expo prebuild` 生成的 android/ 和 ios/ 目录",
    ),
    (
        "msg.unread-source.harmonyos",
        "{file} 是 HarmonyOS（ArkTS）模块，permaudit 不读取其 requestPermissions；HarmonyOS 权限不在审计范围内",
    ),
    (
        "msg.unread-source.mini-program",
        "{file} 是小程序项目，其权限（scope.*、requiredPrivateInfos）由宿主应用在运行时授予，permaudit 不读取它们；小程序不在审计范围内",
    ),
    (
        "msg.unread-source.nativescript",
        "{file} 是 NativeScript 应用，其 App_Resources/ 中的清单文件只是模板，由其 CLI 在构建时与插件合并，permaudit 不读取它们；请审计构建出的 APK 或 IPA（`ns build`），或 platforms/ 下的输出",
    ),
    (
        "msg.unread-source.nuget",
        "NuGet 包 {packages} 可能通过其自身的 [assembly: UsesPermission] 特性或其 Android 库的清单文件加入权限，permaudit 不读取这些内容；请审计构建出的 APK，或在 Platforms/Android/AndroidManifest.xml 中写明它们加入的权限",
    ),
    (
        "msg.unread-source.uni-ad",
        "uni-ad 广告联盟 {provider} 会让 DCloud 云打包加入其广告 SDK，permaudit 无法按此键得知其权限（及 Info.plist 键）；请审计构建出的 APK 或 IPA，或把它们列入 app-plus.distribute.android.permissions 和 privacyDescription",
    ),
    (
        "msg.unread-source.uni-ios-modules",
        "app-plus.modules 启用了 {modules}：permaudit 不知道 DCloud 云打包会为它们加入哪些 Info.plist 键（只读取 privacyDescription）；请审计构建出的 IPA",
    ),
    (
        "msg.unread-source.uni-module",
        "{module} 模块会让 DCloud 云打包加入其 SDK 的权限，permaudit 不了解这些权限；请审计构建出的 APK，或把它们列入 app-plus.distribute.android.permissions",
    ),
    (
        "msg.unread-source.uni-native-aar",
        "uni 原生插件 {plugin} 在 nativeplugins/{plugin}/android/ 下带有 {aars} 个 AAR 文件，DCloud 云打包会合并它们的清单文件，而 permaudit 不读取这些清单；请审计构建出的 APK",
    ),
    (
        "msg.unread-source.uni-no-provider",
        "{module} 模块未在 app-plus.distribute.sdkConfigs.{section} 中指定 Android 服务商，因此无法得知 DCloud 云打包会加入哪个 SDK 及其权限；请审计构建出的 APK",
    ),
    (
        "msg.unread-source.uni-provider",
        "{module} 模块的服务商 {provider} 会让 DCloud 云打包加入其 SDK 的权限，permaudit 不了解这些权限；请审计构建出的 APK，或把它们列入 app-plus.distribute.android.permissions",
    ),
    (
        "msg.unread-source.unity",
        "{file} 表明这是 Unity 项目，其清单文件和 Info.plist 由 Unity 根据 Player 设置和插件生成，permaudit 不读取它们；请审计构建出的 APK、AAB 或 IPA，或导出的 Gradle 或 Xcode 工程",
    ),
    (
        "msg.unresolved-build-value.application-id",
        "变体 {variant} 的 applicationId 是计算得出的或未设置，因此其清单文件中的 ${applicationId} 保持原样，用它命名的应用自有权限无法识别；请把 applicationId（或 namespace）写成字面量，或审计构建出的合并后清单",
    ),
    (
        "msg.unresolved-build-value.closure",
        "通过闭包应用到每个条目的设置未被读取",
    ),
    (
        "msg.unresolved-build-value.debuggable",
        "该构建类型是否可调试（debuggable）是计算得出的，因此按发布构建类型审计",
    ),
    (
        "msg.unresolved-build-value.dimension",
        "风味维度 `{value}` 是计算得出的，因此未审计该产品风味",
    ),
    (
        "msg.unresolved-build-value.dimensions",
        "有一个风味维度（flavor dimension）是计算得出的，因此只按写明的维度组合变体",
    ),
    (
        "msg.unresolved-build-value.entry-name",
        "`{statement}` 声明的条目名称是计算得出的，因此未审计该条目",
    ),
    (
        "msg.unresolved-build-value.include",
        "`{statement}` 是计算得出的，因此它包含的模块不会合并进任何变体；请把模块路径写成字面量",
    ),
    (
        "msg.unresolved-build-value.not-included",
        "{module} 依赖 {dependency}，但它不是本项目包含的模块，因此未合并其清单文件",
    ),
    (
        "msg.unresolved-build-value.outside-android",
        "`{statement}` 在 android { } 块之外设置 Android 配置，因此未被读取",
    ),
    (
        "msg.unresolved-build-value.placeholder",
        "清单占位符 `{key}` 是计算得出的（`{value}`），因此 `{placeholder}` 保持原样；请把它写成字面量，或审计构建出的合并后清单",
    ),
    (
        "msg.unresolved-build-value.project",
        "`{statement}` 指向的模块是计算得出的，因此未合并其清单文件",
    ),
    (
        "msg.unresolved-build-value.project-dir",
        "{module} 的目录是计算得出的，因此在其默认位置查找；请把 projectDir 写成字面量",
    ),
    (
        "msg.unresolved-build-value.report-absent",
        "这份合并报告添加了 {permissions}，而 {artifact} 并未申请：该报告不属于生成该制品的那次构建；请用 --merger-report FILE 指定生成该制品的那次构建的报告",
    ),
    (
        "msg.unresolved-build-value.report-other-id",
        "应用自有权限在 {artifact} 中是 {ours}，在这份合并报告中却是 {theirs}：该报告属于 applicationId {their_id}，而不是 {our_id}，因此不据此归属任何申请；请用 --merger-report FILE 指定生成该制品的那次构建的报告",
    ),
    (
        "msg.unresolved-build-value.report-unmentioned.one",
        "这份合并报告从未提及 {artifact} 申请的 {permissions}：该报告不属于生成该制品的那次构建，因此无法得知它由谁添加；请用 --merger-report FILE 指定生成该制品的那次构建的报告",
    ),
    (
        "msg.unresolved-build-value.report-unmentioned.other",
        "这份合并报告从未提及 {artifact} 申请的 {permissions}：该报告不属于生成该制品的那次构建，因此无法得知它们由谁添加；请用 --merger-report FILE 指定生成该制品的那次构建的报告",
    ),
    (
        "msg.unresolved-build-value.reports-ambiguous",
        "{artifact} 旁有多份合并报告（{reports}），其文件名与其中任何一份都不比其他的更匹配，因此无法得知其权限由谁添加；请用 --merger-report FILE 指定这次构建的报告",
    ),
    (
        "msg.unresolved-build-value.source-set",
        "源集 `{set}` 的清单文件路径是计算得出的（`{value}`），因此未被合并",
    ),
    (
        "msg.unresolved-build-value.stale-merged",
        "这份合并后的清单比 {file} 旧；它可能不是当前构建的产物（请重新构建）",
    ),
    (
        "msg.unresolved-build-value.unresolved",
        "变体 {variant} 的占位符 {placeholder} 未能解析：{why}，因此按原样审计该名称",
    ),
    (
        "msg.unresolved-build-value.unresolved.computed",
        "它在 {at} 的值是计算得出的",
    ),
    (
        "msg.unresolved-build-value.unresolved.unset",
        "已读取的构建脚本都没有把它设为字面量",
    ),
    (
        "msg.unused",
        "{row}披露了 {permission}，但被审计的 {platform} 输入都没有申请它；从政策中删除它，或把申请它的文件也纳入审计",
    ),
    ("origin.cordova-config", "config.xml 中的 <{element}>"),
    (
        "origin.cordova-plugin",
        "Cordova 插件 {plugin}（其 plugin.xml 中的 <{element}>）",
    ),
    ("origin.cordova-template", "cordova-android 平台模板"),
    ("origin.dcloud-defaults", "DCloud 云打包的默认权限"),
    ("origin.dcloud-module", "DCloud 云打包（{module} 模块）"),
    (
        "origin.dcloud-provider",
        "DCloud 云打包（{module} 模块，sdkConfigs.{section}.{provider}）",
    ),
    (
        "origin.expo-auto",
        "{package} 配置插件（package.json 依赖 {package}@{version}，因此自动应用）",
    ),
    ("origin.expo-default", "{package} 配置插件的默认设置"),
    ("origin.expo-option", "{package} 配置插件的选项 {option}"),
    ("origin.list", "{key} 列表"),
    ("origin.maui-attribute", "[assembly: UsesPermission] 特性"),
    ("origin.merger", "清单合并工具"),
    (
        "origin.uni-native-plugin",
        "uni 原生插件 {plugin}（{field}）",
    ),
    ("report.coverage-policy", "{platform}（依据 {policy}）"),
    (
        "rule.deprecated-permission.explanation",
        "Android 已弃用、替换或删除该权限，或它在较新版本上不再生效（USE_FINGERPRINT 自 API 28 起、BLUETOOTH_ADMIN 自 31 起、READ_EXTERNAL_STORAGE 自 33 起等）；或 Apple 已弃用该 Info.plist 键（NSCalendarsUsageDescription 自 iOS 17 起）。提示中会写明替代项。用 android:maxSdkVersion 限定在弃用级别以下的 Android 申请，以及为旧系统版本与替代键并存的 iOS 键，都是正确的兼容写法，不会被报告。修复：申请替代权限，并用 maxSdkVersion 限定旧权限（或仅在仍支持旧版 iOS 时保留旧键）；在政策中写替代权限的名称。",
    ),
    (
        "rule.deprecated-permission.summary",
        "已弃用、已被替代或不再生效的权限或键",
    ),
    (
        "rule.duplicate-disclosure.explanation",
        "政策在两行或更多行中列出同一权限，而且用途通常不同（M5 政策的 READ_PHONE_STATE 就是如此）。读者和监管方无法判断哪一个用途适用。修复：合并这些行，或在一行中写明所有用途。",
    ),
    (
        "rule.duplicate-disclosure.summary",
        "政策在多行中列出同一权限",
    ),
    (
        "rule.empty-purpose.explanation",
        "Info.plist 的用途说明（NS…UsageDescription）为空、只有空白、不是字符串，或是明显的占位文字（TODO、TBD、placeholder、lorem ipsum 等）。iOS 会在权限弹窗中显示它，用途说明没有解释用途的应用会被 App Store 审核拒绝。在政策中，没有用途的行同样不满足披露要求。修复：写一句话说明应用用这些数据做什么。",
    ),
    ("rule.empty-purpose.summary", "用途说明为空或是占位文字"),
    (
        "rule.generated-mismatch.explanation",
        "应用提交了工具生成的原生文件（expo prebuild 生成的 android/ 与 ios/），permaudit 审计的是这些文件，因为它们就是当前发布的内容。其配置（app.json、插件选项）申请了已提交文件中没有的权限或用途说明：下次 prebuild 会加入它，而它未被审计。修复：重新运行生成工具并提交结果，或从配置中删除该权限。",
    ),
    (
        "rule.generated-mismatch.summary",
        "已提交的生成清单或 Info.plist 与其配置不一致",
    ),
    (
        "rule.ignored-build-setting.explanation",
        "某个 Xcode 构建设置看起来会加入用途说明，但实际上不会：INFOPLIST_KEY_<键> 只有在 GENERATE_INFOPLIST_FILE = YES 时才写入 Info.plist；为 NO 时 Xcode 忽略它们，该键只有在 INFOPLIST_FILE 中存在时才会随应用发布。此提示也记录缺失的 CocoaPods .xcconfig（由 pod install 生成）。修复：开启 GENERATE_INFOPLIST_FILE，或把键写入 Info.plist。",
    ),
    (
        "rule.ignored-build-setting.summary",
        "Xcode 会忽略的 Info.plist 构建设置",
    ),
    (
        "rule.missing-companion.explanation",
        "有些权限只有与另一项权限一起才起作用：在 Android 12 及以上，ACCESS_FINE_LOCATION 需要 ACCESS_COARSE_LOCATION（用户可能只授予大致位置）；ACCESS_BACKGROUND_LOCATION 只有在已有前台位置权限时才会被授予；面向 Android 14 的应用，FOREGROUND_SERVICE 需要每种服务类型对应的 FOREGROUND_SERVICE_<TYPE> 权限；没有 NSLocationWhenInUseUsageDescription 时 NSLocationAlwaysAndWhenInUseUsageDescription 会被忽略。同一平台所有被审计文件的申请合并计算。修复：同时申请配套权限（并披露它）。",
    ),
    (
        "rule.missing-companion.summary",
        "申请了权限却缺少它必需的配套权限",
    ),
    (
        "rule.missing-translation.explanation",
        "应用已本地化为某种语言（knownRegions、CFBundleLocalizations 或 .lproj 文件夹），但某条权限用途说明在该语言中没有翻译，系统会以开发语言显示它。中国大陆的应用应以中文说明权限用途，因此缺少 zh-Hans 是最常见的情况。修复：在该语言的 InfoPlist.strings 或 InfoPlist.xcstrings 中加入译文。",
    ),
    (
        "rule.missing-translation.summary",
        "用途说明未翻译为应用支持的某种语言",
    ),
    (
        "rule.policy-outdated.explanation",
        "替代权限匹配：政策行写的是已弃用的权限（例如 NSCalendarsUsageDescription 或 USE_FINGERPRINT）时，也覆盖取代它的权限（NSCalendarsFullAccessUsageDescription、USE_BIOMETRIC），反之亦然，因此改用新名称的应用不会被报告为未披露。但政策仍写着旧名称，本提示指出需要改写的那一行。修复：在该行写上应用实际申请的替代权限。--strict-names 关闭替代权限匹配（此时该申请为未披露，旧名称为未使用）。",
    ),
    (
        "rule.policy-outdated.summary",
        "政策写的是已弃用的权限，应用申请的是其替代权限",
    ),
    (
        "rule.restricted-permission.explanation",
        "Google Play 只允许符合条件的核心用途使用该权限，并且必须先在 Play 管理中心提交声明（短信和通话记录权限组、后台位置、QUERY_ALL_PACKAGES、MANAGE_EXTERNAL_STORAGE、REQUEST_INSTALL_PACKAGES、照片和视频、前台服务类型、Health Connect 等）。提示中会写明对应的 Play 政策。没有符合条件用途却申请该权限的应用会被拒绝上架或从 Play 下架。修复：删除该权限，或完成声明并保持政策中的用途与声明一致。不在 Google Play 分发的应用可以关闭此规则。",
    ),
    (
        "rule.restricted-permission.summary",
        "Google Play 仅允许已声明用途使用的受限权限",
    ),
    (
        "rule.unaudited-platform.explanation",
        "该输入是 macOS 应用（macos/ 文件夹、SDK 为 macosx 的 Xcode 目标，或同时为 Mac Catalyst 构建的 iOS 目标），而隐私政策没有 macos 表。macOS 应用申请自己的权限，从不并入 iOS 审计，因此它的用途说明都未被判断：此警告让这一点可见，而不是报告为无问题。修复：在隐私政策中加入 macos: 表。",
    ),
    (
        "rule.unaudited-platform.summary",
        "macOS 应用未审计：隐私政策没有 macos 表",
    ),
    (
        "rule.undeclared.explanation",
        "应用申请了某项权限（AndroidManifest.xml 中的 <uses-permission>，或 Info.plist 中的用途说明键），但隐私政策该平台的权限表中没有任何一行列出它。监管要求（工信部、TC260-PG-20204A）以及 Google Play 和 Apple 的规则都要求披露每一项申请的系统权限及其用途，未披露的权限即是合规缺口。修复：把该权限加入说明其用途的政策行（或新增一行），或停止申请它。由第三方库合并进来的权限可以用 tools:node=\"remove\" 移除。",
    ),
    ("rule.undeclared.summary", "应用申请了隐私政策未披露的权限"),
    (
        "rule.unknown-permission.explanation",
        "该名称位于 android.permission 命名空间，但没有任何 Android 版本定义过它，几乎可以肯定是拼写错误，不授予任何权限。提示中会给出最接近的真实名称。修复：改正清单或政策中的拼写。",
    ),
    (
        "rule.unknown-permission.summary",
        "Android 从未定义过的 android.permission.* 名称",
    ),
    (
        "rule.unobtainable-permission.explanation",
        "该权限的保护级别不含 normal、dangerous、appop、instant、role、runtime 或 pre23 中的任何一个（例如 signature|privileged），或参考资料将其列为不可获得：Android 只把它授予使用平台密钥签名或预装在系统镜像中的应用。从应用商店安装的应用永远得不到它，申请它没有任何作用，披露它则承诺了应用无法收集的数据。修复：从清单中删除（通常是某个 SDK 合并进来的：使用 tools:node=\"remove\"），并从政策中删除。保护级别未知的厂商权限不做判断。",
    ),
    (
        "rule.unobtainable-permission.summary",
        "从应用商店安装的应用永远无法获得的权限",
    ),
    (
        "rule.unread-source.explanation",
        "发现了某个应用（或其一部分）的标志，而它的权限来自 permaudit 不读取的来源：Expo 的 app.config.js 或 .ts（生成配置的代码）、本地 Expo 配置插件、Unity、NativeScript、HarmonyOS 或小程序项目，或缺少 android/ 与 ios/ 目录的 Capacitor 配置。这些来源加入的权限未被审计，因此报告不能视为无问题。修复：把工具生成的内容交给 permaudit（npx expo config --json 的 JSON、已提交的原生目录、构建出的 APK 或 IPA），或在配置中排除未发布的目录。",
    ),
    ("rule.unread-source.summary", "permaudit 未读取的权限来源"),
    (
        "rule.unresolved-build-value.explanation",
        "Gradle 构建脚本中决定某个变体合并后清单内容的值是计算出来的（函数调用、在别处定义的变量、带 $ 插值的字符串、由闭包或其他脚本设置的配置），permaudit 从不运行构建，因此无法得知它：依赖该值的清单名称按原文审计（${applicationId} 保持未解析，用它命名的自有权限不会被识别）。提交到仓库的合并后清单比生成它的源文件更旧时，以及随 APK 或 AAB 提供的合并报告并非出自构建该产物的那次构建时（报告未提及产物申请的某项权限、添加了产物没有的权限，或以另一个应用 ID 命名应用的自有权限），也会给出此提示。修复：把该值写成字面量，或构建该变体后审计其合并后的清单或 APK。",
    ),
    (
        "rule.unresolved-build-value.summary",
        "无法静态读取的 Gradle 构建值",
    ),
    (
        "rule.unused.explanation",
        "政策中某一行披露的权限，被审计的该平台输入都没有申请。政策夸大了应用收集的范围，与应用已经脱节。只有至少审计了一个该平台输入时才判断此规则。修复：从政策中删除该权限，或确认审计覆盖了申请它的每个清单（渠道包清单、构建出的 APK）。如果应用申请的是它的替代权限或前身，则不算未使用（见 policy-outdated）。",
    ),
    ("rule.unused.summary", "政策披露了应用已不再申请的权限"),
    ("rules.heading", "{id}（{severity}；{scope}）"),
    ("rules.table", "| 规则 | 默认级别 | 适用命令 | 摘要 |"),
    ("scope.both", "check、policy lint"),
    ("scope.check", "check"),
    ("severity.error", "错误"),
    ("severity.note", "提示"),
    ("severity.warning", "警告"),
    ("suppression.acknowledged", "被确认项隐藏：{findings}"),
    ("suppression.baseline", "被基线 {baseline} 隐藏：{findings}"),
    (
        "suppression.expired",
        "确认项已过期：{platform} {permission}（{location}，{date} 过期），重新报告",
    ),
    (
        "suppression.stale",
        "过时的基线记录：{path} 中的 {rule} {platform} {permission} 已不再出现，请用 --write-baseline 重写",
    ),
    (
        "suppression.unmatched",
        "确认项未匹配：{platform} {permission}（{location}）没有隐藏任何问题，请删除",
    ),
];
