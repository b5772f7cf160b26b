"""The weekly meeting: 本周变化 (changes since the last meeting), zh + en."""

STRINGS: dict[str, dict[str, str]] = {
    "changes_title": {"zh": "本周变化", "en": "Changes since last meeting"},
    "changes_baseline": {"zh": "对比基准(台账版本)", "en": "Compare with (ledger version)"},
    "changes_baseline_auto": {
        "zh": "上次例会({meeting})时的版本 · {version}",
        "en": "The version at the last meeting ({meeting}) · {version}",
    },
    "changes_baseline_help": {
        "zh": "默认对比上次例会时的台账版本(config.toml 的 [meeting]);若没有那么早的版本,则对比最早的版本。",
        "en": "By default the ledger version current at the last meeting ([meeting] in config.toml); "
        "when no version is that old, the oldest one.",
    },
    "changes_version": {"zh": "第 {n} 版 · {time} · {file}", "en": "version {n} · {time} · {file}"},
    "changes_compared": {
        "zh": "对比第 {n} 版({time})与当前台账:{count} 个项目有变化。",
        "en": "Version {n} ({time}) compared with the current ledger: {count} items changed.",
    },
    "changes_none": {"zh": "自 {time}(第 {n} 版)以来台账没有变化。", "en": "No changes since {time} (version {n})."},
    "changes_one_version": {
        "zh": "目前只保存了一个台账版本({time}),还没有可对比的变化。",
        "en": "Only one ledger version is kept so far ({time}): nothing to compare yet.",
    },
    "changes_no_version": {
        "zh": "数据存储中没有可读的台账版本,无法对比变化。",
        "en": "No ledger version can be read from the data store: nothing to compare.",
    },
    "changes_map_note": {
        "zh": "有变化的项目在地图上以紫色虚线圈标出,直到下次例会。",
        "en": "Changed items are ringed in dashed violet on the map until the next meeting.",
    },
    "changes_report": {"zh": "周报段落(可复制)", "en": "Paragraph for the weekly report (copy)"},
    # group headings and the paragraph's words for each group
    "changes_group_new": {"zh": "新增项目", "en": "New items"},
    "changes_group_closed": {"zh": "已完成", "en": "Closed (done)"},
    "changes_group_deadline": {"zh": "完成时限调整", "en": "Deadline moves"},
    "changes_group_status": {"zh": "状态变化", "en": "Status changes"},
    "changes_group_owner": {"zh": "责任变化(责任单位/岗位)", "en": "Owner changes (unit / post)"},
    "changes_group_progress": {"zh": "进度变化", "en": "Progress changes"},
    "changes_group_removed": {"zh": "移出台账", "en": "Removed from the ledger"},
    "changes_count_new": {"zh": "新增 {n} 项", "en": "new: {n}"},
    "changes_count_closed": {"zh": "完成 {n} 项", "en": "closed: {n}"},
    "changes_count_deadline": {"zh": "完成时限调整 {n} 项", "en": "deadline moved: {n}"},
    "changes_count_status": {"zh": "状态变化 {n} 项", "en": "status changed: {n}"},
    "changes_count_owner": {"zh": "责任变化 {n} 项", "en": "owner changed: {n}"},
    "changes_count_progress": {"zh": "进度变化 {n} 项", "en": "progress changed: {n}"},
    "changes_count_removed": {"zh": "移出台账 {n} 项", "en": "removed: {n}"},
    # one item's changes
    "changes_item_new": {"zh": "新增,{status},完成时限 {deadline}", "en": "new, {status}, deadline {deadline}"},
    "changes_item_removed": {"zh": "不再在台账中(原为{status})", "en": "no longer in the ledger (was {status})"},
    "changes_item_status": {"zh": "{old} → {new}", "en": "{old} → {new}"},
    "changes_item_deadline": {
        "zh": "完成时限 {old} → {new}(累计调整 {k} 次)",
        "en": "deadline {old} → {new} (moved {k}× since first listed)",
    },
    "changes_item_progress": {
        "zh": "进度 {old} → {new}({d} 个百分点)",
        "en": "progress {old} → {new} ({d} points)",
    },
    "changes_item_unit": {"zh": "责任单位 {old} → {new}", "en": "unit {old} → {new}"},
    "changes_item_post": {"zh": "责任岗位 {old} → {new}", "en": "post {old} → {new}"},
    "changes_para_intro": {
        "zh": "自 {time}(台账第 {n} 版)以来,重点项目台账共有 {count} 个项目发生变化:",
        "en": "Since {time} (ledger version {n}), {count} items changed in the key-project ledger: ",
    },
    "changes_para_none": {
        "zh": "自 {time}(台账第 {n} 版)以来,重点项目台账没有变化。",
        "en": "Since {time} (ledger version {n}), the key-project ledger has not changed.",
    },
    "changes_tour": {
        "zh": "本周变化:{count} 个项目({parts})",
        "en": "Changed since last meeting: {count} items ({parts})",
    },
    "changes_legend": {"zh": "本周变化(至下次例会)", "en": "Changed since last meeting"},
    "changes_baseline_oldest": {
        "zh": "最早的版本(上次例会 {meeting} 前尚无版本) · {version}",
        "en": "The oldest version (none kept before the last meeting, {meeting}) · {version}",
    },
    "changes_tip": {"zh": "本周变化:{what}", "en": "Changed since last meeting: {what}"},
}
