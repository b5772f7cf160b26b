"""The weekly meeting's charts, playback and the ledger sent back to its owners (ui/weeks.py,
dashboard/meeting/charts.py, dashboard/meeting/returns.py): zh + en."""

STRINGS: dict[str, dict[str, str]] = {
    # playback (ui/weeks.py)
    "playback": {"zh": "回放台账版本", "en": "Play back a ledger version"},
    "playback_help": {
        "zh": "选择一个保存过的台账版本:地图上的项目状态和上方的统计随之切换,地图不重新加载。",
        "en": "Pick a kept ledger version: the projects' statuses on the map and the counts above follow; "
        "the map is not reloaded.",
    },
    "playback_live": {"zh": "当前 v{n} · {time}", "en": "now: v{n} · {time}"},
    "playback_version": {"zh": "v{n} · {time}", "en": "v{n} · {time}"},
    "playback_showing": {
        "zh": "回放中:台账版本 v{n}(保存于 {time}),状态按 {date} 计算。拖到最右回到当前。",
        "en": "Playing back ledger version v{n} (kept {time}), statuses as of {date}. Drag to the right end for now.",
    },
    "playback_unreadable": {
        "zh": "台账版本 v{n} 无法读取,仍显示当前台账。",
        "en": "Ledger version v{n} cannot be read; the current ledger is shown.",
    },
    # charts (dashboard/meeting/charts.py)
    "weeks_section": {"zh": "每周图表与台账返还", "en": "Charts over the weeks, ledger back to its owners"},
    "weeks_none": {
        "zh": "尚无保存的台账版本:保存或上传一次台账后这里显示每周图表。",
        "en": "No ledger version kept yet: charts appear once a ledger has been saved or uploaded.",
    },
    "chart_by_week": {"zh": "各周项目状态", "en": "Projects by status, week by week"},
    "chart_by_week_help": {
        "zh": "每周取该周最后保存的台账版本,状态按其保存日计算。",
        "en": "Each week shows the last ledger version kept that week, statuses as of the day it was kept.",
    },
    "chart_week": {"zh": "周(周一)", "en": "Week of (Monday)"},
    "chart_count": {"zh": "项目数", "en": "Projects"},
    "chart_status": {"zh": "状态", "en": "Status"},
    "chart_by_unit": {"zh": "按责任单位({when})", "en": "By owner unit ({when})"},
    "chart_by_park": {"zh": "按所属园区({when})", "en": "By park ({when})"},
    "chart_unit": {"zh": "责任单位", "en": "Owner unit"},
    "chart_park": {"zh": "所属园区", "en": "Park"},
    "chart_blank": {"zh": "(未填)", "en": "(blank)"},
    "chart_overdue_age": {"zh": "逾期多久({when})", "en": "How long overdue ({when})"},
    "chart_overdue_none": {"zh": "没有逾期项目。", "en": "No project is overdue."},
    "chart_days": {"zh": "逾期天数", "en": "Days overdue"},
    "age_week": {"zh": "1–7 天", "en": "1–7 days"},
    "age_month": {"zh": "8–30 天", "en": "8–30 days"},
    "age_quarter": {"zh": "31–90 天", "en": "31–90 days"},
    "age_year": {"zh": "91–365 天", "en": "91–365 days"},
    "age_more": {"zh": "一年以上", "en": "over a year"},
    # the ledger back to its owners (dashboard/meeting/returns.py)
    "returns_title": {"zh": "台账返还责任单位", "en": "The ledger back to its owners"},
    "returns_ledger": {"zh": "下载标注问题的台账(.xlsx)", "en": "Ledger with its problems marked (.xlsx)"},
    "returns_ledger_help": {
        "zh": "当前台账原样导出:被拒或存疑的单元格标黄并附批注说明原因,每行末尾加“问题说明”列,请责任单位在源头修改。",
        "en": "The current ledger as it is: every refused or doubtful cell highlighted with a comment giving "
        "the reason, and a 问题说明 (problems) column per row, so each owner unit fixes the data at source.",
    },
    "returns_supervision": {"zh": "下载督办清单(.xlsx)", "en": "Supervision list (.xlsx)"},
    "returns_supervision_help": {
        "zh": "每个责任单位一张工作表,列出其逾期和滞后事项,供发督办函。",
        "en": "One sheet per owner unit with its overdue and at-risk items, for supervision letters.",
    },
    "returns_unreadable": {
        "zh": "台账文件无法读取,不能导出标注版:{why}",
        "en": "The ledger file cannot be read, so no marked copy can be made: {why}",
    },
    "returns_problems_col": {"zh": "问题说明", "en": "问题说明 (problems)"},
    "returns_sheet_title": {
        "zh": "督办清单 · {unit} · 状态基准日 {date}",
        "en": "Supervision list · {unit} · as of {date}",
    },
    "returns_no_items": {"zh": "无逾期或滞后事项", "en": "No overdue or at-risk item"},
    "returns_no_unit": {"zh": "未填责任单位", "en": "No owner unit"},
    "returns_days_overdue": {"zh": "逾期天数", "en": "Days overdue"},
}
