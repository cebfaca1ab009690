//! English messages, keyed by stable message id, sorted by id (a test checks
//! the order and that every id exists in every language with the same placeholders).
//! The English rule texts equal the rule registry's (a test checks) until the registry reads them here.

pub(super) static MESSAGES: &[(&str, &str)] = &[
    ("count.baseline-entry.one", "{n} entry"),
    ("count.baseline-entry.other", "{n} entries"),
    ("count.entry.one", "{n} policy entry"),
    ("count.entry.other", "{n} policy entries"),
    ("count.error.one", "{n} error"),
    ("count.error.other", "{n} errors"),
    ("count.file.one", "{n} file"),
    ("count.file.other", "{n} files"),
    ("count.finding.one", "{n} finding"),
    ("count.finding.other", "{n} findings"),
    ("count.input.one", "{n} input"),
    ("count.input.other", "{n} inputs"),
    ("count.note.one", "{n} note"),
    ("count.note.other", "{n} notes"),
    ("count.request.one", "{n} request"),
    ("count.request.other", "{n} requests"),
    ("count.row.one", "{n} row"),
    ("count.row.other", "{n} rows"),
    ("count.warning.one", "{n} warning"),
    ("count.warning.other", "{n} warnings"),
    ("explain.added-in", "added in"),
    ("explain.advisory", "{rule} ({severity}): {message}"),
    ("explain.android", "Android ({origin})"),
    ("explain.android-match", "Android match"),
    ("explain.android.aosp", "AOSP platform permission"),
    (
        "explain.android.outside",
        "defined outside the Android framework: {origin}",
    ),
    ("explain.api", "API {api}"),
    ("explain.deprecated", "deprecated"),
    ("explain.deprecated.from", "from API {level}"),
    (
        "explain.deprecated.from-unconfirmed",
        "from API {level} (level not confirmed)",
    ),
    ("explain.deprecated.removed", "removed (level not recorded)"),
    (
        "explain.deprecated.successor",
        "{when}; successor: {successors}",
    ),
    ("explain.disclosed-by", "disclosed by"),
    ("explain.disclosed-by.none", "no row"),
    ("explain.flags", "flags"),
    ("explain.guards", "guards"),
    ("explain.if-requested", "if requested"),
    ("explain.introduced", "introduced"),
    ("explain.ios", "iOS (Info.plist purpose-string key)"),
    ("explain.ios.version", "iOS {version}"),
    ("explain.known-from", "known from {source}"),
    ("explain.label", "{label}:"),
    ("explain.no-advisory", "no advisory"),
    (
        "explain.not-requested",
        "{name}: not requested by the audited app",
    ),
    ("explain.note", "note"),
    ("explain.platform", "platform"),
    ("explain.play", "Google Play"),
    (
        "explain.play.declaration",
        " (Play Console declaration required)",
    ),
    ("explain.play.policy", "{policy} policy{declaration}"),
    ("explain.policy", "policy"),
    ("explain.policy.value", "{name} ({path})"),
    ("explain.protection", "protection"),
    (
        "explain.protection.install-time",
        "install-time: granted without asking the user",
    ),
    (
        "explain.protection.never",
        "never granted to a store-installed app",
    ),
    ("explain.protection.not-recorded", "not recorded"),
    ("explain.protection.runtime", "runtime: the user is asked"),
    (
        "explain.protection.special",
        "special access: granted through a settings screen, app-op or role",
    ),
    ("explain.protection.value", "{protection} ({kind})"),
    ("explain.purpose", "purpose string: {purpose}"),
    ("explain.request", "{at} ({build})"),
    (
        "explain.request.origin",
        "{request}, put there by the {via} [{kind}]",
    ),
    ("explain.request.written", "{request}, written in the file"),
    (
        "explain.requested-at",
        "{name}: requested by the audited app at",
    ),
    ("explain.row", "{platform} row {n}{label} ({at})"),
    ("explain.row.name", " \"{name}\""),
    (
        "explain.row.through",
        "{row}, through {permission} (successor matching)",
    ),
    (
        "explain.several",
        "{query} may mean {n} permissions or keys:",
    ),
    ("explain.translation", "{language}: {text} ({at})"),
    (
        "explain.untranslated",
        "{language}: no translation ({at}); the prompt falls back to the purpose string",
    ),
    ("explain.zh-names", "Chinese names"),
    (
        "finding.deprecated-permission.help",
        "request its successor, and cap the old permission with android:maxSdkVersion (the detail names both)",
    ),
    (
        "finding.deprecated-permission.title",
        "{permission} is deprecated",
    ),
    (
        "finding.duplicate-disclosure.help",
        "merge the rows or state every purpose in one of them",
    ),
    (
        "finding.duplicate-disclosure.title",
        "{permission} is listed in several rows",
    ),
    (
        "finding.empty-purpose.help",
        "write one sentence saying what the app does with the data",
    ),
    (
        "finding.empty-purpose.title",
        "the purpose of {permission} is empty or a placeholder",
    ),
    (
        "finding.generated-mismatch.help",
        "run the generator again and commit its output, or remove the permission from the config",
    ),
    (
        "finding.generated-mismatch.title",
        "{permission} is in the config but not in the committed generated file",
    ),
    (
        "finding.ignored-build-setting.help",
        "set GENERATE_INFOPLIST_FILE = YES, or move the key into the target's Info.plist",
    ),
    (
        "finding.ignored-build-setting.title",
        "{permission} is set in a build setting that Xcode ignores",
    ),
    (
        "finding.missing-companion.help",
        "request the companion too (and disclose it)",
    ),
    (
        "finding.missing-companion.title",
        "{permission} is requested without its companion",
    ),
    (
        "finding.missing-translation.help",
        "add the purpose string to the InfoPlist.strings or InfoPlist.xcstrings of each language the detail names",
    ),
    (
        "finding.missing-translation.title",
        "{permission} is not translated into every language the app is localized into",
    ),
    (
        "finding.origin",
        "added to the merged manifest by {by} ({at})",
    ),
    (
        "finding.origin-implied",
        "implied by the manifest merger: {by} ({at})",
    ),
    ("finding.policy", "audited against {policy}"),
    (
        "finding.policy-outdated.help",
        "name the successor the app requests in that row",
    ),
    (
        "finding.policy-outdated.title",
        "{row} names {permission}, which was replaced; the app requests its successor",
    ),
    (
        "finding.restricted-permission.help",
        "complete the Play Console declaration, or remove the permission",
    ),
    (
        "finding.restricted-permission.title",
        "{permission} is restricted by Google Play",
    ),
    (
        "finding.unaudited-platform.help",
        "add a macos: table to the policy (same schema as ios:)",
    ),
    (
        "finding.unaudited-platform.title",
        "a {platform} app was not audited: the policy has no macos table",
    ),
    (
        "finding.undeclared.help",
        "add it to the row that explains its use, or stop requesting it",
    ),
    (
        "finding.undeclared.title",
        "{permission} is requested but no row of the policy's {platform} table discloses it",
    ),
    (
        "finding.unknown-permission.help",
        "correct the spelling (the detail suggests the nearest name)",
    ),
    (
        "finding.unknown-permission.title",
        "{permission} is not a permission Android defines",
    ),
    (
        "finding.unobtainable-permission.help",
        "remove it from the manifest (tools:node=\"remove\" for an SDK's) and from the policy",
    ),
    (
        "finding.unobtainable-permission.title",
        "{permission} can never be granted to a store-installed app",
    ),
    (
        "finding.unread-source.help",
        "give permaudit what the tool generates (npx expo config --json output, the native folders, the built APK or IPA)",
    ),
    (
        "finding.unread-source.title",
        "a permission source permaudit does not read: the audit is incomplete",
    ),
    (
        "finding.unresolved-build-value.help",
        "write the value as a literal, or build the variant and audit its merged manifest",
    ),
    (
        "finding.unresolved-build-value.title",
        "a Gradle build value is not read statically",
    ),
    (
        "finding.unused.help",
        "remove it from the policy, or audit the file that requests it",
    ),
    (
        "finding.unused.title",
        "{permission} is disclosed by {row} but no audited {platform} input requests it",
    ),
    ("finding.variants", "in variants: {variants}"),
    ("finding.zh-name", "{permission}"),
    ("html.ack.expired", "expired: finding reported again"),
    ("html.ack.hides", "hides a finding"),
    ("html.ack.never", "never"),
    ("html.ack.unmatched", "matches nothing"),
    ("html.acks", "Acknowledgements and baseline"),
    ("html.acks.none", "No acknowledgements in the config."),
    ("html.advisories", "Advisories"),
    (
        "html.advisories.about",
        "What the permission knowledge base says about the requests and the policy: deprecated, restricted, unobtainable or unknown permissions, placeholder purposes, missing companions.",
    ),
    ("html.app", "App"),
    ("html.at", "at"),
    ("html.audited", "{inputs} audited"),
    (
        "html.baseline",
        "Baseline {baseline} hides {findings}; {stale} no longer occur.",
    ),
    ("html.baseline.none", "No baseline."),
    ("html.col.acknowledged", "hidden by acknowledgements"),
    ("html.col.baselined", "hidden by the baseline"),
    ("html.col.disclosed", "disclosed"),
    ("html.col.errors", "errors"),
    ("html.col.expires", "expires"),
    ("html.col.notes", "notes"),
    ("html.col.permission", "permission"),
    ("html.col.platform", "platform"),
    ("html.col.reason", "reason"),
    ("html.col.requested", "requested"),
    ("html.col.requested-at", "requested at"),
    ("html.col.row", "policy row"),
    ("html.col.stale", "stale policy entries"),
    ("html.col.state", "state"),
    ("html.col.status", "status"),
    ("html.col.undeclared", "undeclared"),
    ("html.col.warnings", "warnings"),
    ("html.col.written-at", "written at"),
    ("html.config", "Config"),
    ("html.date", "Report date"),
    ("html.findings", "Disclosure findings"),
    ("html.generator", "Generated by"),
    ("html.input", "{path} ({platform}, {kind}, {requests})"),
    ("html.inputs", "Audited inputs"),
    (
        "html.matrix.line",
        "{disclosed} of {requests} disclosed, {undeclared} undeclared; {stale} stale.",
    ),
    ("html.matrix.title", "{platform}: policy rows × requests"),
    ("html.no-row", "(no row)"),
    ("html.none", "None."),
    ("html.not-audited", "Not audited"),
    (
        "html.not-audited.binary",
        "{path} ({kind}): a binary format without lines; findings name the file only and show no source line.",
    ),
    (
        "html.not-audited.platform",
        "{platform}: no input of this platform was audited; the policy's {rows} for it were not compared with the app.",
    ),
    (
        "html.not-audited.scope",
        "Only the files listed in this report were read. Permissions that a build adds from elsewhere (library manifests not merged into an audited manifest, build variants or targets not audited, runtime-only SDK behaviour) are not covered.",
    ),
    ("html.policy", "Policy"),
    ("html.policy-only", "(policy only)"),
    ("html.policy-source", "Policy source"),
    ("html.status.disclosed", "disclosed and requested"),
    (
        "html.status.disclosed-as",
        "disclosed; requested as {other}",
    ),
    ("html.status.stale", "stale: disclosed, not requested"),
    (
        "html.status.undeclared",
        "undeclared: requested, not disclosed",
    ),
    ("html.summary", "Summary"),
    ("html.title", "Permission disclosure report"),
    ("html.variant-policy", "Policy for variants"),
    (
        "html.verdict.clean",
        "No findings: the policy and the app agree",
    ),
    (
        "html.verdict.fail",
        "Not ready for release: disclosures need attention",
    ),
    ("html.verdict.warnings", "No errors; warnings to review"),
    ("human.audited", "audited {what}:"),
    ("human.audited-inputs", "{files} ({inputs})"),
    ("human.builtin", "built-in"),
    (
        "human.clean",
        "No findings: every requested permission is disclosed and every disclosed one is requested.",
    ),
    ("human.clean.hidden", "No findings shown."),
    (
        "human.clean.lint",
        "No findings: the policy names only current, obtainable permissions, each once, with a purpose.",
    ),
    ("human.config", "config: {config}"),
    (
        "human.coverage",
        "{platform}: {disclosed} of {requests} disclosed, {undeclared} undeclared, {stale} stale",
    ),
    ("human.input", "{path} ({detail})"),
    ("human.input.build", "{build}: {path} ({detail})"),
    ("human.input.own", "{n} own"),
    ("human.input.policy", "policy {policy}"),
    ("human.input.project", "a project file: see its findings"),
    ("human.input.removed", "{n} removed"),
    ("human.lint", "linted the policy alone (no app files)"),
    ("human.list-separator", ", "),
    ("human.none", "none"),
    ("human.policy", "policy: {name} ({origin})"),
    (
        "human.selected",
        "rules: only {rules} (--select); every other rule was off",
    ),
    ("human.summary", "{errors}, {warnings}, {notes}"),
    (
        "human.variant-policy",
        "policy for variants {glob}: {name} ({path}); audited: {variants}",
    ),
    ("human.variant-policy.none", "no audited variant matches"),
    ("junit.other", "other findings"),
    ("junit.requests", "{platform} requests"),
    ("junit.row.named", "row {n}: {name}"),
    ("junit.rows", "{platform} policy rows"),
    ("label.disclosed-by", "disclosed by {row}"),
    ("label.help", "help"),
    ("label.note", "note"),
    ("label.requested-here", "requested here"),
    ("label.row.named", "row \"{name}\""),
    ("label.row.numbered", "row {n}"),
    ("label.set-here", "set here"),
    (
        "markdown.acknowledged",
        "{findings} hidden by acknowledgements in the config",
    ),
    (
        "markdown.baselined",
        "{findings} hidden by the baseline `{baseline}`",
    ),
    (
        "markdown.expired",
        "acknowledgement of `{permission}` at `{location}` **expired** on {date}: {reason}",
    ),
    (
        "markdown.header",
        "| severity | rule | permission | location | message |",
    ),
    (
        "markdown.line",
        "**{errors}**, **{warnings}**, **{notes}** in {files} against *{policy}* (`{path}`); config: {config}.",
    ),
    (
        "markdown.stale",
        "stale baseline entry: `{rule}` `{permission}` in `{path}` no longer occurs",
    ),
    ("markdown.suppressed", "Suppressed and stale"),
    ("markdown.title", "permaudit: {verdict}"),
    (
        "markdown.unmatched",
        "acknowledgement of `{permission}` at `{location}` matched no finding (remove it?)",
    ),
    ("markdown.verdict.clean", "no findings"),
    (
        "markdown.verdict.errors",
        "permission disclosures need attention",
    ),
    ("markdown.verdict.warnings", "warnings only"),
    (
        "msg.acknowledgement-expired",
        "{message} (its acknowledgement at {at} expired on {date}: \"{reason}\"; renew `expires` or disclose the permission)",
    ),
    (
        "msg.deprecated-permission.cap",
        "keep it only for older devices with android:maxSdkVersion=\"{last}\"",
    ),
    (
        "msg.deprecated-permission.from-api",
        "is deprecated or without effect from API {level}",
    ),
    (
        "msg.deprecated-permission.from-api-unconfirmed",
        "is deprecated or without effect from API {level} (level not confirmed by the catalog's sources)",
    ),
    (
        "msg.deprecated-permission.instead",
        "request {successors} instead, and {advice}",
    ),
    (
        "msg.deprecated-permission.ios.add",
        "add {successors} (keep this key only while the app supports iOS below {version})",
    ),
    (
        "msg.deprecated-permission.ios.remove",
        "remove it once the app no longer supports iOS below {version}",
    ),
    (
        "msg.deprecated-permission.lower-cap",
        "lower its android:maxSdkVersion=\"{cap}\" to {last}, the last level it works on",
    ),
    (
        "msg.deprecated-permission.policy",
        "{row} discloses {permission}, which {what}; {advice}",
    ),
    (
        "msg.deprecated-permission.policy.remove",
        "remove it once no supported version of the app requests it",
    ),
    (
        "msg.deprecated-permission.policy.successor",
        "name its successor {successors} (what the app requests on newer versions)",
    ),
    ("msg.deprecated-permission.remove", "remove it"),
    (
        "msg.deprecated-permission.removed",
        "was removed from Android and grants nothing",
    ),
    (
        "msg.deprecated-permission.request",
        "{permission} {what}; {advice}",
    ),
    (
        "msg.deprecated-permission.since-ios",
        "is deprecated since iOS {version}",
    ),
    (
        "msg.duplicate-disclosure",
        "{row} lists {permission} again; it is already disclosed by {earlier} ({at}); merge the rows or state every purpose in one of them",
    ),
    (
        "msg.empty-purpose.policy",
        "the purpose of {platform} {row} is {why}; a disclosure must say why the app uses the permission: add a `purpose`",
    ),
    (
        "msg.empty-purpose.request",
        "the purpose string of {permission} is {why}{shown}; App Store review rejects a permission prompt that does not explain its use; write one sentence saying what the app does with the data",
    ),
    ("msg.empty-purpose.shown", " (\"{purpose}\")"),
    (
        "msg.empty-purpose.translation",
        "the {language} translation of {permission}'s purpose string is {why}{shown}; users of that language see a permission prompt that does not explain its use; translate the sentence the Info.plist gives",
    ),
    ("msg.empty-purpose.why.blank", "blank"),
    ("msg.empty-purpose.why.empty", "empty"),
    ("msg.empty-purpose.why.missing", "missing"),
    ("msg.empty-purpose.why.not-a-string", "not a string"),
    ("msg.empty-purpose.why.placeholder", "a placeholder"),
    (
        "msg.generated-mismatch",
        "{config} asks for {permission}{via}, but the committed {native} does not have it, so the {output} output is stale; run `{command}` and commit the result, or remove it from the config",
    ),
    ("msg.generated-mismatch.platform", "platform"),
    ("msg.generated-mismatch.prebuild", "prebuild"),
    ("msg.generated-mismatch.via", " ({via})"),
    (
        "msg.ignored-build-setting",
        "{setting} is ignored: {why}, so Xcode does not add {key} to the Info.plist of {target} ({configuration}); set GENERATE_INFOPLIST_FILE = YES or move the key into {file}",
    ),
    ("msg.ignored-build-setting.a-plist", "an Info.plist"),
    (
        "msg.ignored-build-setting.no",
        "GENERATE_INFOPLIST_FILE = NO at {at}",
    ),
    (
        "msg.ignored-build-setting.pods",
        "{file} is not there (CocoaPods generates it with `pod install`); it was not read: CocoaPods configurations set no Info.plist keys",
    ),
    (
        "msg.ignored-build-setting.unset",
        "GENERATE_INFOPLIST_FILE is not set (it defaults to NO)",
    ),
    (
        "msg.ignored-build-setting.xcodegen",
        "{setting} is ignored: GENERATE_INFOPLIST_FILE is not YES for target {target} ({configuration}), so Xcode does not add {key} to its Info.plist; set GENERATE_INFOPLIST_FILE: YES or move the key into info.properties",
    ),
    ("msg.list", "{first}, {rest}"),
    (
        "msg.missing-companion",
        "{permission} is requested without {wanted}: {why}; request it too (and disclose it)",
    ),
    (
        "msg.missing-companion.always-location.wanted",
        "NSLocationWhenInUseUsageDescription",
    ),
    (
        "msg.missing-companion.always-location.why",
        "iOS 11 and later ignore the always key without the when-in-use key, so location authorization fails",
    ),
    (
        "msg.missing-companion.background-location.wanted",
        "android.permission.ACCESS_COARSE_LOCATION or ACCESS_FINE_LOCATION",
    ),
    (
        "msg.missing-companion.background-location.why",
        "background location is only granted on top of foreground location",
    ),
    (
        "msg.missing-companion.fine-location.wanted",
        "android.permission.ACCESS_COARSE_LOCATION",
    ),
    (
        "msg.missing-companion.fine-location.why",
        "apps targeting Android 12 (API 31) or higher must request it with ACCESS_FINE_LOCATION, because the user may grant approximate location only",
    ),
    (
        "msg.missing-companion.foreground-service.wanted",
        "the android.permission.FOREGROUND_SERVICE_<TYPE> permission of each foregroundServiceType the app uses",
    ),
    (
        "msg.missing-companion.foreground-service.why",
        "apps targeting Android 14 (API 34) or higher cannot start a foreground service without it",
    ),
    (
        "msg.missing-translation",
        "{permission} has no translation for {languages}, which the app is localized into; users of {those} see the permission prompt in the development language; add \"{key}\" = \"…\"; to {file}",
    ),
    (
        "msg.missing-translation.file",
        "{language}.lproj/InfoPlist.strings",
    ),
    (
        "msg.missing-translation.files",
        "each language's <lang>.lproj/InfoPlist.strings",
    ),
    (
        "msg.missing-translation.more",
        "{languages} and {more} more",
    ),
    ("msg.missing-translation.that-language", "that language"),
    ("msg.missing-translation.those-languages", "those languages"),
    ("msg.name", "{name}"),
    ("msg.nothing", ""),
    ("msg.or", "{first} or {rest}"),
    (
        "msg.policy-outdated",
        "{row} names {permission}, which was replaced; the app requests its successor {names}, covered by this row only through successor matching; name {names} in the row",
    ),
    (
        "msg.restricted-permission.policy",
        "{row} discloses {permission}, which Google Play restricts (\"{policy}\" policy): the app needs a Play Console declaration whose use case matches this row's purpose",
    ),
    (
        "msg.restricted-permission.request",
        "{permission} falls under Google Play's \"{policy}\" policy: Play publishes the app only for a qualifying core use case declared in the Play Console; complete the declaration, or remove the permission",
    ),
    (
        "msg.unaudited-platform.one",
        "{what} is a macOS app and was not audited: the policy has no `macos:` table (its {keys} purpose string was not judged, and iOS rows do not cover a macOS app); add a `macos:` table to the policy",
    ),
    (
        "msg.unaudited-platform.other",
        "{what} is a macOS app and was not audited: the policy has no `macos:` table (its {keys} purpose strings were not judged, and iOS rows do not cover a macOS app); add a `macos:` table to the policy",
    ),
    (
        "msg.undeclared",
        "{permission} is requested but no row of the policy's {platform} table discloses it; add it to the row that explains its use, or stop requesting it",
    ),
    (
        "msg.undeclared.lowered",
        "{message} (install-time `normal` permission: reported as {severity} by the undeclared-normal setting)",
    ),
    (
        "msg.undeclared.origin",
        "{message} (put there by the {via})",
    ),
    (
        "msg.unknown-permission.check-spelling",
        "check the spelling against the Android documentation",
    ),
    (
        "msg.unknown-permission.did-you-mean",
        "did you mean {nearest}?",
    ),
    (
        "msg.unknown-permission.policy",
        "{row} discloses {permission}, which no Android version defines; {fix}",
    ),
    (
        "msg.unknown-permission.request",
        "{permission} is not a permission any Android version defines, so the request grants nothing; {fix}",
    ),
    (
        "msg.unobtainable-permission.policy",
        "{row} discloses {permission}, which is {protection}: a store-installed app can never be granted it; remove it from the policy and the app",
    ),
    (
        "msg.unobtainable-permission.request",
        "{permission} is {protection}: Android never grants it to a store-installed app, so the request does nothing; remove it (tools:node=\"remove\" if a library merges it in)",
    ),
    (
        "msg.unread-source.capacitor",
        "{file} is a Capacitor app without its {missing} folder, where its permissions live; run `npx cap add android` / `npx cap add ios` and commit the folders, or audit the built APK or IPA",
    ),
    ("msg.unread-source.capacitor.both", "android/ and ios/"),
    (
        "msg.unread-source.cordova-plugin",
        "the Cordova plugin {plugin} is named here, but its plugin.xml is in neither plugins/ nor node_modules/, so the permissions it adds were not read; run `cordova prepare` (or `npm install`) before auditing, or commit plugins/",
    ),
    (
        "msg.unread-source.expo-code",
        "{file} is code that Expo runs to build the app config, and permaudit does not run code, so the permissions it sets were not read ({base}); run `npx expo config --json > expo-config.json` in that folder and name that file on the command line, or commit the android/ and ios/ folders of `npx expo prebuild`",
    ),
    (
        "msg.unread-source.expo-code.alone",
        "there is no app.json beside it",
    ),
    (
        "msg.unread-source.expo-code.base",
        "{file} was read as its base, but the code can change or replace it",
    ),
    (
        "msg.unread-source.expo-local-plugin",
        "the local config plugin {plugin} is code that can add permissions at prebuild, and permaudit does not run it; name the output of `npx expo config --type introspect --json` on the command line, or commit the android/ and ios/ folders of `npx expo prebuild`",
    ),
    (
        "msg.unread-source.harmonyos",
        "{file} is a HarmonyOS (ArkTS) module, whose requestPermissions permaudit does not read; HarmonyOS permissions are not audited",
    ),
    (
        "msg.unread-source.mini-program",
        "{file} is a mini-program project, whose permissions (scope.*, requiredPrivateInfos) the host app grants at run time, and permaudit does not read them; mini-programs are not audited",
    ),
    (
        "msg.unread-source.nativescript",
        "{file} is a NativeScript app, whose manifests in App_Resources/ are templates its CLI merges with plugins at build time, and permaudit does not read them; audit the built APK or IPA (`ns build`), or the platforms/ output",
    ),
    (
        "msg.unread-source.nuget",
        "the NuGet package(s) {packages} may add permissions through their own [assembly: UsesPermission] attributes or the manifests of their Android libraries, which permaudit does not read; audit the built APK, or declare what they add in Platforms/Android/AndroidManifest.xml",
    ),
    (
        "msg.unread-source.uni-ad",
        "the uni-ad network {provider} makes the DCloud cloud packager add its ad SDK, whose permissions (and Info.plist keys) permaudit does not know by this key; audit the built APK or IPA, or list them in app-plus.distribute.android.permissions and privacyDescription",
    ),
    (
        "msg.unread-source.uni-ios-modules",
        "app-plus.modules enables {modules}: which Info.plist keys the DCloud cloud packager adds for them is not known to permaudit (only privacyDescription is read); audit the built IPA",
    ),
    (
        "msg.unread-source.uni-module",
        "the {module} module makes the DCloud cloud packager add the permissions of its SDK, which permaudit does not know; audit the built APK, or list them in app-plus.distribute.android.permissions",
    ),
    (
        "msg.unread-source.uni-native-aar",
        "the uni native plugin {plugin} ships {aars} AAR file(s) under nativeplugins/{plugin}/android/, whose manifests the DCloud cloud packager merges and permaudit does not read; audit the built APK",
    ),
    (
        "msg.unread-source.uni-no-provider",
        "the {module} module names no Android provider in app-plus.distribute.sdkConfigs.{section}, so which SDK the DCloud cloud packager adds, and its permissions, is not known; audit the built APK",
    ),
    (
        "msg.unread-source.uni-provider",
        "the {provider} provider of the {module} module makes the DCloud cloud packager add its SDK's permissions, which permaudit does not know; audit the built APK, or list them in app-plus.distribute.android.permissions",
    ),
    (
        "msg.unread-source.unity",
        "{file} marks a Unity project, whose manifest and Info.plist Unity generates from its player settings and plugins, and permaudit does not read them; audit the built APK, AAB or IPA, or the exported Gradle or Xcode project",
    ),
    (
        "msg.unresolved-build-value.application-id",
        "the application id of variant {variant} is computed or not set, so ${applicationId} stays as written in its manifests and an own permission named with it is not recognised; write applicationId (or namespace) as a literal, or audit the built merged manifest",
    ),
    (
        "msg.unresolved-build-value.closure",
        "settings applied to every entry by a closure are not read",
    ),
    (
        "msg.unresolved-build-value.debuggable",
        "whether this build type is debuggable is computed, so it is audited as a release build type",
    ),
    (
        "msg.unresolved-build-value.dimension",
        "the flavor dimension `{value}` is computed, so the flavor is not audited",
    ),
    (
        "msg.unresolved-build-value.dimensions",
        "a flavor dimension is computed, so variants are formed from the dimensions that are written",
    ),
    (
        "msg.unresolved-build-value.entry-name",
        "`{statement}` declares an entry whose name is computed, so it is not audited",
    ),
    (
        "msg.unresolved-build-value.include",
        "`{statement}` is computed, so the modules it includes are not merged into any variant; write the module path as a literal",
    ),
    (
        "msg.unresolved-build-value.not-included",
        "{module} depends on {dependency}, which is not a module this tree includes, so its manifest is not merged",
    ),
    (
        "msg.unresolved-build-value.outside-android",
        "`{statement}` sets the Android configuration outside the android { } block, so it is not read",
    ),
    (
        "msg.unresolved-build-value.placeholder",
        "manifest placeholder `{key}` is computed (`{value}`), so `{placeholder}` stays as written; write it as a literal, or audit the built merged manifest",
    ),
    (
        "msg.unresolved-build-value.project",
        "the module of `{statement}` is computed, so its manifest is not merged",
    ),
    (
        "msg.unresolved-build-value.project-dir",
        "the directory of {module} is computed, so it is looked for at its default place; write projectDir as a literal",
    ),
    (
        "msg.unresolved-build-value.report-absent",
        "this merger report adds {permissions}, which {artifact} does not request: the report is not of the build that made the artifact; give the report of the build that made this artifact with --merger-report FILE",
    ),
    (
        "msg.unresolved-build-value.report-other-id",
        "the app's own permission is {ours} in {artifact} but {theirs} in this merger report: the report is of application id {their_id}, not {our_id}, so no request is attributed from it; give the report of the build that made this artifact with --merger-report FILE",
    ),
    (
        "msg.unresolved-build-value.report-unmentioned.one",
        "this merger report never mentions {permissions}, which {artifact} requests: the report is not of the build that made the artifact, so who added it is not known; give the report of the build that made this artifact with --merger-report FILE",
    ),
    (
        "msg.unresolved-build-value.report-unmentioned.other",
        "this merger report never mentions {permissions}, which {artifact} requests: the report is not of the build that made the artifact, so who added them is not known; give the report of the build that made this artifact with --merger-report FILE",
    ),
    (
        "msg.unresolved-build-value.reports-ambiguous",
        "several merger reports are beside {artifact} ({reports}) and its name matches none of them better than the others, so who added its permissions is not known; give the report of this build with --merger-report FILE",
    ),
    (
        "msg.unresolved-build-value.source-set",
        "the manifest of source set `{set}` is computed (`{value}`), so it is not merged",
    ),
    (
        "msg.unresolved-build-value.stale-merged",
        "this merged manifest is older than {file}; it may not be what the build makes now (run the build again)",
    ),
    (
        "msg.unresolved-build-value.unresolved",
        "placeholder {placeholder} is not resolved for variant {variant}: {why}, so the name is audited as written",
    ),
    (
        "msg.unresolved-build-value.unresolved.computed",
        "its value at {at} is computed",
    ),
    (
        "msg.unresolved-build-value.unresolved.unset",
        "no build script read sets it as a literal",
    ),
    (
        "msg.unused",
        "{permission} is disclosed by {row} but no audited {platform} input requests it; remove it from the policy, or audit the file that requests it",
    ),
    ("origin.cordova-config", "config.xml <{element}>"),
    (
        "origin.cordova-plugin",
        "Cordova plugin {plugin} (its plugin.xml <{element}>)",
    ),
    (
        "origin.cordova-template",
        "cordova-android platform template",
    ),
    (
        "origin.dcloud-defaults",
        "DCloud cloud packager's default permissions",
    ),
    (
        "origin.dcloud-module",
        "DCloud cloud packager for the {module} module",
    ),
    (
        "origin.dcloud-provider",
        "DCloud cloud packager for the {module} module (sdkConfigs.{section}.{provider})",
    ),
    (
        "origin.expo-auto",
        "{package} config plugin, applied because package.json depends on {package}@{version}",
    ),
    (
        "origin.expo-default",
        "{package} config plugin, added by default",
    ),
    (
        "origin.expo-option",
        "{package} config plugin, option {option}",
    ),
    ("origin.list", "{key} list"),
    (
        "origin.maui-attribute",
        "[assembly: UsesPermission] attribute",
    ),
    ("origin.merger", "the merger"),
    (
        "origin.uni-native-plugin",
        "uni native plugin {plugin} ({field})",
    ),
    ("report.coverage-policy", "{platform} against {policy}"),
    (
        "rule.deprecated-permission.explanation",
        "Android deprecated, replaced or removed the permission, or it has no effect on newer versions (USE_FINGERPRINT from API 28, BLUETOOTH_ADMIN from 31, READ_EXTERNAL_STORAGE from 33, …); or Apple deprecated the Info.plist key (NSCalendarsUsageDescription from iOS 17). The message names the successor. An Android request capped below the deprecation level with android:maxSdkVersion, and an iOS key kept next to its successor for older OS versions, are the correct legacy pattern and are not reported. Fix: request the successor, and cap the old permission with maxSdkVersion (or keep the old key only while supporting older iOS); in a policy, name the successor.",
    ),
    (
        "rule.deprecated-permission.summary",
        "Deprecated, replaced or no-effect permission or key",
    ),
    (
        "rule.duplicate-disclosure.explanation",
        "The policy lists the same permission in two or more rows, usually with different purposes (the M5 policy does this for READ_PHONE_STATE). Readers and regulators cannot tell which purpose applies. Fix: merge the rows, or state every purpose in one row.",
    ),
    (
        "rule.duplicate-disclosure.summary",
        "Policy lists one permission in several rows",
    ),
    (
        "rule.empty-purpose.explanation",
        "An Info.plist purpose string (NS…UsageDescription) is empty, whitespace, not a string, or an obvious placeholder (TODO, TBD, placeholder, lorem ipsum, …). iOS shows it in the permission prompt and App Store review rejects an app whose purpose string does not explain the use. In a policy, a row without a purpose fails the disclosure requirement the same way. Fix: write one sentence saying what the app does with the data.",
    ),
    (
        "rule.empty-purpose.summary",
        "Empty or placeholder purpose string",
    ),
    (
        "rule.generated-mismatch.explanation",
        "The app commits the native files a tool generates (Expo's android/ and ios/ from `expo prebuild`), and those are what permaudit audits, since they are what ships today. Its config (app.json, a plugin option) asks for a permission or purpose string the committed file does not have: the next prebuild adds it, unaudited. Fix: run the generator again and commit the result (then audit it), or remove the permission from the config.",
    ),
    (
        "rule.generated-mismatch.summary",
        "Committed generated manifest or Info.plist disagrees with its config",
    ),
    (
        "rule.ignored-build-setting.explanation",
        "An Xcode build setting looks like it adds a purpose string but does not: INFOPLIST_KEY_<key> settings are only added to the Info.plist when GENERATE_INFOPLIST_FILE = YES, and with it NO (the default) Xcode ignores them, so the key ships only if the INFOPLIST_FILE has it. The note also records a CocoaPods .xcconfig that is not there (pod install generates it; it sets no Info.plist key) and was not read. Fix: set GENERATE_INFOPLIST_FILE = YES, or move the key into the Info.plist file and delete the setting.",
    ),
    (
        "rule.ignored-build-setting.summary",
        "Info.plist build setting Xcode ignores",
    ),
    (
        "rule.missing-companion.explanation",
        "Some permissions only work together with another one: ACCESS_FINE_LOCATION needs ACCESS_COARSE_LOCATION on Android 12+ (the user may grant approximate location only); ACCESS_BACKGROUND_LOCATION is granted only on top of a foreground location permission; FOREGROUND_SERVICE needs the FOREGROUND_SERVICE_<TYPE> permission of each service type for apps targeting Android 14; NSLocationAlwaysAndWhenInUseUsageDescription is ignored without NSLocationWhenInUseUsageDescription. Requests of all audited files of a platform are pooled. Fix: request the companion (and disclose it).",
    ),
    (
        "rule.missing-companion.summary",
        "Permission requested without the companion it needs",
    ),
    (
        "rule.missing-translation.explanation",
        "Purpose string not translated into a language the app is localized into",
    ),
    (
        "rule.missing-translation.summary",
        "Purpose string not translated into a language the app is localized into",
    ),
    (
        "rule.policy-outdated.explanation",
        "Successor-aware matching: a policy row that names a deprecated permission (for example NSCalendarsUsageDescription, or USE_FINGERPRINT) also covers the permissions that replaced it (NSCalendarsFullAccessUsageDescription, USE_BIOMETRIC), and the reverse, so an app that moved to the new name is not reported as undeclared. The policy still names the old permission, so this note points at the row to reword. Fix: name the successor the app requests in that row. --strict-names turns successor matching off (the request is then undeclared and the old name unused).",
    ),
    (
        "rule.policy-outdated.summary",
        "Policy names a deprecated permission; the app requests its successor",
    ),
    (
        "rule.restricted-permission.explanation",
        "Google Play allows the permission only for qualifying core use cases and only after a Play Console declaration (SMS and Call Log groups, background location, QUERY_ALL_PACKAGES, MANAGE_EXTERNAL_STORAGE, REQUEST_INSTALL_PACKAGES, photo and video, foreground-service types, Health Connect, …). The message names the Play policy. An app that requests it without a qualifying use case is rejected or removed from Play. Fix: remove the permission, or complete the declaration and keep the policy's purpose in line with it. Turn the rule off for apps not distributed on Google Play.",
    ),
    (
        "rule.restricted-permission.summary",
        "Permission Google Play restricts to declared use cases",
    ),
    (
        "rule.unaudited-platform.explanation",
        "The input is a macOS app (a macos/ folder, an Xcode target whose SDK is macosx, or an iOS target also built for Mac Catalyst), and the policy has no macos table. A macOS app asks for its own permissions and is never pooled into the iOS audit, so none of its purpose strings were judged: this warning keeps that visible instead of reporting clean. Fix: add a `macos:` table to the policy (same schema as `ios:`), or exclude the macOS folder if the app is not shipped for macOS.",
    ),
    (
        "rule.unaudited-platform.summary",
        "macOS app not audited: the policy has no macos table",
    ),
    (
        "rule.undeclared.explanation",
        "The app requests a permission (a <uses-permission> in AndroidManifest.xml or a purpose-string key in Info.plist) that no row of the privacy policy's table for that platform lists. Regulators (MIIT, TC260-PG-20204A), Google Play and Apple require every requested system permission to be disclosed with its purpose, so an undisclosed permission is a compliance gap. Fix: add the permission to the policy row that explains its use (or a new row), or stop requesting it. A permission merged in by a library can be dropped with tools:node=\"remove\".",
    ),
    (
        "rule.undeclared.summary",
        "Requested permission not disclosed by the privacy policy",
    ),
    (
        "rule.unknown-permission.explanation",
        "The name is in the android.permission namespace but no Android version ever defined it, so it is almost certainly a typo and grants nothing. The message suggests the nearest real name. Fix: correct the spelling in the manifest or the policy.",
    ),
    (
        "rule.unknown-permission.summary",
        "android.permission.* name Android never defined",
    ),
    (
        "rule.unobtainable-permission.explanation",
        "The permission's protection level has none of normal, dangerous, appop, instant, role, runtime or pre23 (for example signature|privileged), or the reference lists it as unobtainable: Android grants it only to apps signed with the platform key or preinstalled on the system image. A store-installed app never receives it, so requesting it does nothing, and disclosing it promises data the app cannot collect. Fix: remove it from the manifest (often an SDK merges it in: use tools:node=\"remove\") and from the policy. Vendor permissions whose protection level is unknown are not judged.",
    ),
    (
        "rule.unobtainable-permission.summary",
        "Permission a store-installed app can never be granted",
    ),
    (
        "rule.unread-source.explanation",
        "Discovery found the marks of an app, or of a part of one, whose permissions come from a source permaudit does not read: an Expo app.config.js or .ts (code that builds the config), a local Expo config plugin, a Unity, NativeScript, HarmonyOS or mini-program project, or a Capacitor config without the android/ and ios/ folders it generates. Whatever those add was not audited, so the report cannot be called clean. Fix: give permaudit what the tool generates (the JSON of `npx expo config --json`, the committed native folders, the built APK or IPA), or exclude the folder in the config if it is not shipped.",
    ),
    (
        "rule.unread-source.summary",
        "Permission source permaudit does not read",
    ),
    (
        "rule.unresolved-build-value.explanation",
        "A value of a Gradle build script that decides what a variant's merged manifest holds is computed (a function call, a variable defined elsewhere, a string with $ interpolation, a setting applied by a closure or another script), so permaudit, which never runs the build, cannot know it: the manifest names that depend on it are audited as written (${applicationId} stays unresolved, and an own permission named with it is not recognised). The same note marks a committed merged manifest older than the sources it was made from, and a merger report given with an APK or AAB that is not of the build that made it (it never mentions a permission the artifact requests, adds one the artifact lacks, or names the app's own permissions under another application id). Fix: write the value as a literal, or build the variant and audit its merged manifest or APK.",
    ),
    (
        "rule.unresolved-build-value.summary",
        "Gradle build value not read statically",
    ),
    (
        "rule.unused.explanation",
        "A policy row discloses a permission that none of the audited inputs of that platform requests. The policy overstates what the app collects and has drifted from the app. The rule is only judged for platforms with at least one audited input. Fix: remove the permission from the policy, or check that the audit covers every manifest that requests it (flavour manifests, the built APK). A disclosure whose successor or predecessor the app requests is not unused (see policy-outdated).",
    ),
    (
        "rule.unused.summary",
        "Disclosed permission no longer requested by the app",
    ),
    ("rules.heading", "{id} ({severity}; {scope})"),
    (
        "rules.table",
        "| rule | default severity | judged by | summary |",
    ),
    ("scope.both", "check, policy lint"),
    ("scope.check", "check"),
    ("severity.error", "error"),
    ("severity.note", "note"),
    ("severity.warning", "warning"),
    (
        "suppression.acknowledged",
        "hidden by acknowledgements: {findings}",
    ),
    (
        "suppression.baseline",
        "hidden by the baseline {baseline}: {findings}",
    ),
    (
        "suppression.expired",
        "expired acknowledgement: {platform} {permission} at {location} (expired {date}): reported again",
    ),
    (
        "suppression.stale",
        "stale baseline entry: {rule} {platform} {permission} in {path} no longer occurs; rewrite with --write-baseline",
    ),
    (
        "suppression.unmatched",
        "unmatched acknowledgement: {platform} {permission} at {location} hides nothing; remove it",
    ),
];
