"""The meeting-room screen's own words: its problem notice and its pinned version (zh + en)."""

STRINGS: dict[str, dict[str, str]] = {
    "screen_problems": {"zh": "数据问题 {n} 项(详见桌面页)", "en": "{n} data problems (details on the desk page)"},
    "screen_problems_more": {"zh": "另有 {n} 项", "en": "and {n} more"},
    "screen_problems_public": {"zh": "部分数据暂时无法显示", "en": "Some data could not be shown"},
    "screen_pinned": {
        "zh": "已固定:台账第 {n} 版({time}),不随台账更新",
        "en": "Pinned: ledger version {n} ({time}), not updating",
    },
    "screen_pin_unknown": {
        "zh": "没有第 {n} 版台账,显示的是实时数据",
        "en": "There is no ledger version {n}: showing live data",
    },
    "screen_pin_bad": {
        "zh": "version 参数应为台账版本号(整数),显示的是实时数据",
        "en": "version= should be a ledger version number: showing live data",
    },
    "screen_pin": {"zh": "大屏固定在此版本(第 {n} 版)", "en": "Pin the screen to this version (v{n})"},
    "screen_pin_help": {
        "zh": "打开固定显示当前台账版本的大屏:会议中台账再保存也不会变;不带 version 的大屏链接显示实时数据。",
        "en": "Opens the screen showing this ledger version only: saves during the meeting do not change it; "
        "the screen link without version shows live data.",
    },
}
