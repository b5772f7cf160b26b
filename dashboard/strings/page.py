"""The desk page, map, facts panel, basemaps, war map, screen and sign-in: zh + en."""

STRINGS: dict[str, dict[str, str]] = {
    "tab_title": {"zh": "高新区资产一张图", "en": "High-tech Zone Assets Map"},
    "signin_needed": {
        "zh": "该链接指向的内容仅对已登录的内部用户开放,请先登录。",
        "en": "The link points to something only signed-in internal users can see. Please sign in.",
    },
    "app_title": {"zh": "郑州高新区 · 资产一张图", "en": "Zhengzhou High-tech Zone · Assets Map"},
    "app_caption": {
        "zh": "园区、超算中心候选址、大数据产业园辐射区与重点项目。点位与轮廓为示意,来源见右侧。",
        "en": "Parks, supercomputing candidate sites, the big-data park's radiation zone and key "
        "projects. Positions and outlines are approximate; sources on the right.",
    },
    "language": {"zh": "语言 / Language", "en": "语言 / Language"},
    "layers": {"zh": "图层", "en": "Layers"},
    "legend": {"zh": "图例", "en": "Legend"},
    "approx": {"zh": "示意", "en": "approx."},
    "legend_approx": {"zh": "位置/轮廓为近似", "en": "approximate position/outline"},
    "approx_note": {
        "zh": "示意:位置/轮廓为近似,依据:{basis}(可信度:{confidence})",
        "en": "Approximate position/outline. Basis: {basis} (confidence: {confidence})",
    },
    "conf_approximate": {"zh": "近似", "en": "approximate"},
    "conf_digitised": {"zh": "图上数字化", "en": "digitised"},
    "conf_surveyed": {"zh": "实测", "en": "surveyed"},
    "filter_all": {"zh": "全部(可多选)", "en": "All (choose to narrow)"},
    "select_feature": {"zh": "查找要素(也可在地图上点击)", "en": "Find a feature (or click it on the map)"},
    "find_query": {"zh": "按名称或编号查找", "en": "Search by name or id"},
    "find_more": {
        "zh": "列出 {shown} 个,共 {n} 个;输入名称或编号以缩小范围",
        "en": "{shown} of {n} listed; type a name or id to narrow them",
    },
    "cell_tip": {"zh": "此处 {n} 个 — 点击放大,逐个查看", "en": "{n} here — click to zoom in and see each"},
    "cells_note": {
        "zh": "{layer}共 {n} 个点:地图上点多处按方格计数显示(圆内数字为个数),放大后逐个显示、可点击。",
        "en": "{layer}: {n} points. Where many are in view they are counted in squares (the number in each disc); "
        "zoom in to see and click each one.",
    },
    "select_none": {"zh": "— 未选择 —", "en": "— none —"},
    "panel_title": {"zh": "要素信息", "en": "Feature facts"},
    "panel_empty": {
        "zh": "在地图上点击一个园区、楼宇或企业,或在上方查找框中选择,即可查看其信息与来源。",
        "en": "Click a park, building or firm on the map, or pick one in the search box above, "
        "to see its facts and their sources.",
    },
    "source": {"zh": "来源", "en": "Source"},
    "date": {"zh": "日期", "en": "Date"},
    "tbc": {"zh": "待核实", "en": "to be confirmed"},
    "target": {"zh": "目标", "en": "Target"},
    "known": {"zh": "现状", "en": "Known"},
    "kind_reported": {"zh": "报道", "en": "Reported"},
    "kind_target": {"zh": "目标", "en": "Target"},
    "kind_outcome": {"zh": "后续结果", "en": "Outcome"},
    "kind_tbc": {"zh": "待核实", "en": "To be confirmed"},
    "kind_note": {"zh": "说明", "en": "Note"},
    "not_article": {"zh": "非原文", "en": "not from the article"},
    "quote_summary": {"zh": "原文", "en": "Source text (原文)"},
    "layer_label": {"zh": "所属图层", "en": "Layer"},
    "position": {"zh": "位置", "en": "Position"},
    "zone_area": {"zh": "辐射区面积", "en": "Radiation zone area"},
    "zone_method_point": {
        "zh": "以点为中心的圆,半径 {distance_m:.0f} 米(√(A/π))",
        "en": "circle around a point, radius {distance_m:.0f} m (√(A/π))",
    },
    "zone_method_footprint": {
        "zh": "园区轮廓外扩 {distance_m:.0f} 米,使总面积恰为设定值",
        "en": "park outline buffered by {distance_m:.0f} m so the total area equals the set value",
    },
    "zone_download": {"zh": "下载辐射区范围(GeoJSON, WGS-84)", "en": "Download the zone (GeoJSON, WGS-84)"},
    "table_download": {"zh": "下载当前筛选的项目表(CSV)", "en": "Download the filtered projects (CSV)"},
    "table_download_xlsx": {"zh": "下载当前筛选的项目表(Excel)", "en": "Download the filtered projects (Excel)"},
    "zone_method": {"zh": "方法", "en": "Method"},
    "zone_check": {"zh": "校核", "en": "Check"},
    "zone_note": {"zh": "面积≠半径", "en": "Area, not radius"},
    "zone_inside": {"zh": "区内或相交要素", "en": "Inside or overlapping"},
    "zone_inside_none": {"zh": "无", "en": "none"},
    "zone_inside_layer": {"zh": "{layer}({n}):{names}", "en": "{layer} ({n}): {names}"},
    "list_sep": {"zh": "、", "en": ", "},
    "list_sep_outer": {"zh": ";", "en": "; "},
    "chain_link": {"zh": "产业链环节", "en": "Link in the smart-industry chain"},
    "chain_note": {
        "zh": "(环节归类为编者判断,链条见原文)",
        "en": " (classification is the editor's; the chain is the article's)",
    },
    "zone_geodesic": {"zh": "椭球面积校核:{area_km2:.3f} km²", "en": "Geodesic check: {area_km2:.3f} km²"},
    "zone_not_radius": {
        "zh": "{a:g} 平方公里是面积而非半径;半径 {a:g} 公里的圆面积为 {circle:.1f} km²。",
        "en": "{a:g} km² is an area, not a radius; a {a:g} km radius circle would be {circle:.1f} km².",
    },
    "data_problems": {"zh": "数据问题({n} 条)", "en": "Data problems ({n})"},
    "data_problems_help": {
        "zh": "以下要素或文件未能绘制,其余图层照常显示:",
        "en": "These features or files could not be drawn; the other layers still show:",
    },
    "config_error": {"zh": "配置文件 config.toml 有误", "en": "config.toml is invalid"},
    "layer_empty": {"zh": "{layer}:无可显示的要素", "en": "{layer}: nothing to show"},
    "basemap": {"zh": "底图", "en": "Basemap"},
    "fact_sources": {"zh": "资料来源", "en": "Sources"},
    # dashboard/basemaps.py: the basemap choice, its notes, and the in-map fallback notice
    "basemap_offline": {"zh": "离线矢量底图(本地数据)", "en": "Offline vector map (local data)"},
    "basemap_offline-dark": {"zh": "离线底图 · 深色(会议室)", "en": "Offline, dark (meeting room)"},
    "basemap_osm": {"zh": "OpenStreetMap(需联网)", "en": "OpenStreetMap (needs internet)"},
    "basemap_gaode": {"zh": "高德地图(需联网)", "en": "Gaode map (needs internet)"},
    "basemap_gaode-satellite": {"zh": "高德卫星影像(需联网)", "en": "Gaode satellite (needs internet)"},
    "basemap_tianditu": {"zh": "天地图 · 矢量(需联网和密钥)", "en": "Tianditu vector (internet + key)"},
    "basemap_tianditu-img": {"zh": "天地图 · 影像(需联网和密钥)", "en": "Tianditu imagery (internet + key)"},
    "basemap_no_key": {
        "zh": "未配置天地图密钥(tk),现显示离线底图。请在 .streamlit/secrets.toml 中设置 tianditu_tk,"
        "或设置环境变量 TIANDITU_TK。",
        "en": "No Tianditu key (tk) is set, so the offline map is shown. Set tianditu_tk in "
        ".streamlit/secrets.toml or the environment variable TIANDITU_TK.",
    },
    "basemap_unknown": {
        "zh": "网址参数 basemap={value} 不是可用的底图,已改用默认底图({default})。可选:{choices}",
        "en": "URL parameter basemap={value} is not a known basemap; showing the default ({default}). Known: {choices}",
    },
    "basemap_gcj02_note": {
        "zh": "高德底图使用 GCJ-02 坐标:叠加图层已偏移约 570 米显示以对齐底图,数据本身仍为 WGS-84。",
        "en": "Gaode tiles use GCJ-02: overlays are drawn shifted by about 570 m to line up with them; "
        "the data stay WGS-84.",
    },
    "basemap_fallback": {
        "zh": "底图瓦片无法加载,已切换到离线底图",
        "en": "Basemap tiles could not load: switched to the offline map",
    },
    "basemap_offline_attr": {
        "zh": "区县边界:高德地图,经 {package} {version}({licence})",
        "en": "District boundaries: Amap via {package} {version} ({licence})",
    },
    # Tianditu's attribution: HTML, escaped where it is used (dashboard/basemaps.py tile_layers)
    "tianditu_attr": {
        "zh": '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a> 国家地理信息公共服务平台',
        "en": '&copy; <a href="https://www.tianditu.gov.cn/">Tianditu (天地图)</a>, '
        "National Platform for Common GeoSpatial Information Services",
    },
    "tianditu_approval": {"zh": " 审图号:{no}", "en": ", map approval no. (审图号) {no}"},
    "fullscreen": {"zh": "全屏", "en": "Full screen"},
    "fullscreen_exit": {"zh": "退出全屏", "en": "Exit full screen"},
    # the war map (dashboard/warmap.py), screen mode and tour (dashboard/screen.py, app.py)
    "warmap_title": {"zh": "重点项目作战图", "en": "Key-project war map"},
    "kpi_total": {
        "zh": "项目 · 上图 {on_map} · 仅表格 {table_only}",
        "en": "projects · {on_map} on the map · {table_only} table only",
    },
    "kpi_asof": {"zh": "状态按 {date} 计算 · 台账 {file}", "en": "Status as of {date} · ledger {file}"},
    "kpi_asof_declared": {
        "zh": "状态按台账基准日 {date} 计算(历史台账) · 台账 {file}",
        "en": "Status as of {date}, the ledger's declared date (historical ledger) · ledger {file}",
    },
    "kpi_bad_rows": {"zh": "{n} 处台账问题", "en": "{n} ledger problems"},
    "kpi_progress": {"zh": "台账进度 {p}%", "en": "ledger progress {p}%"},
    "kpi_known": {"zh": "现状", "en": "now"},
    "kpi_tbc": {"zh": "待核实", "en": "TBC"},  # short: the targets share one line on the big screen
    "not_reported": {"zh": "未填报", "en": "not reported"},
    "on_map": {"zh": "上图", "en": "on the map"},
    "table_only": {"zh": "仅表格(无位置)", "en": "table only (no location)"},
    "loc_ledger": {
        "zh": "台账坐标 {lon:.5f}, {lat:.5f}(WGS-84)",
        "en": "ledger coordinates {lon:.5f}, {lat:.5f} (WGS-84)",
    },
    "loc_feature": {"zh": "按地图要素“{name}”定位", "en": "placed on the map feature “{name}”"},
    "land_stages": {"zh": "用地:批→征→供→用", "en": "Land: approval → expropriation → supply → use"},
    "col_id": {"zh": "项目编号", "en": "Project no."},
    "col_name": {"zh": "项目名称", "en": "Project"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_park": {"zh": "所属园区", "en": "Park"},
    "col_unit": {"zh": "责任单位", "en": "Owner unit"},
    "col_post": {"zh": "责任岗位", "en": "Post"},
    "col_deadline_text": {"zh": "完成时限", "en": "Deadline"},
    "col_progress": {"zh": "当前进度", "en": "Progress"},
    "col_next_step": {"zh": "下一节点", "en": "Next milestone"},
    "col_problems": {"zh": "存在问题", "en": "Open problems"},
    "col_lon": {"zh": "经度", "en": "lon"},  # the ledger's own header in zh; what a GIS looks for in en
    "col_lat": {"zh": "纬度", "en": "lat"},
    "col_source": {"zh": "来源", "en": "Source"},
    "col_land_stage": {"zh": "用地阶段", "en": "Land stage"},
    "col_located": {"zh": "位置", "en": "Location"},
    "col_status_typed": {"zh": "填报状态", "en": "Status as typed"},
    "status_typed_note": {
        "zh": "“{typed}”(仅作显示,状态按时限和进度计算)",
        "en": "“{typed}” (display only: the status is computed from deadline and progress)",
    },
    # status codes (dashboard/ledger/status.py); their colours are in layers/projects.py
    "status_ok": {"zh": "正常", "en": "on track"},
    "status_at_risk": {"zh": "滞后", "en": "at risk"},
    "status_overdue": {"zh": "逾期", "en": "overdue"},
    "status_no_deadline": {"zh": "时限待定", "en": "no deadline"},
    "status_done": {"zh": "已完成", "en": "done"},
    # written from the rule constants (ledger.RULE_PARAMS), never typed twice
    "status_rule": {
        "zh": "状态按完成时限、当前进度和状态基准日(默认今天)计算(逾期:已过时限且未完成;滞后:{near_days} 天内到期且"
        "进度<{near_pct}%,或 {watch_days} 天内到期且进度<{watch_pct}%),不取填报值。",
        "en": "Status is computed from the deadline, the progress and the as-of date (today unless the ledger "
        "declares one) (overdue: past the deadline and not done; at risk: due within {near_days} days below "
        "{near_pct} %, or within {watch_days} days below {watch_pct} %), never typed.",
    },
    "war_map_origin": {"zh": "作战图的由来(原文,{n} 条)", "en": "About the war map, from the source ({n})"},
    "signin_oidc": {"zh": "用单位账号登录", "en": "Sign in with your organisation's account"},
    "projects_table": {"zh": "重点项目台账", "en": "Project ledger"},
    "filter_park": {"zh": "园区", "en": "Park"},
    "filter_status": {"zh": "状态", "en": "Status"},
    "filter_unit": {"zh": "责任单位", "en": "Owner unit"},
    "table_help": {
        "zh": "点选一行:在地图上定位该项目并在右侧显示详情。",
        "en": "Select a row to show the project on the map and its details on the right.",
    },
    "table_plain": {
        "zh": "台账超过 {n} 行:状态列不再着色(状态文字照常;用上方筛选缩小范围后恢复着色)。",
        "en": "Over {n} rows: the status column is not coloured (the status words still show; filter above to see colours).",
    },
    "ledger_errors": {
        "zh": "台账未通过校验的行({n} 条,其余行照常显示)",
        "en": "Ledger rows that failed validation ({n}; the other rows still show)",
    },
    "ledger_notes": {"zh": "台账说明({n} 条)", "en": "Ledger notes ({n})"},
    "screen_mode": {"zh": "大屏模式(会议室)", "en": "Screen mode (meeting room)"},
    "screen_help": {
        "zh": "在新窗口打开全屏作战图;翻页笔 PageDown/→/空格 下一站,PageUp/← 上一站,B 或 P 暂停。",
        "en": "Opens the full-screen war map in a new tab; clicker PageDown/→/space next stop, "
        "PageUp/← previous, B or P pause.",
    },
    "tour_paused": {"zh": "已暂停", "en": "paused"},
    # sign-in (dashboard/auth, launcher.py): the /signin page shows both languages at once
    "signin_title": {"zh": "登录", "en": "Sign in"},
    "signin_user": {"zh": "用户名", "en": "User name"},
    "signin_password": {"zh": "密码", "en": "Password"},
    "signin_submit": {"zh": "登录", "en": "Sign in"},
    "signin_refused": {"zh": "用户名或密码不正确。", "en": "Wrong user name or password."},
    "signin_locked": {
        "zh": "登录失败次数过多,请 {minutes} 分钟后再试。",
        "en": "Too many failed sign-ins: try again in {minutes} minutes.",
    },
    "signin_back": {"zh": "返回地图(公开视图)", "en": "Back to the map (public view)"},
    "signin_link": {"zh": "登录", "en": "Sign in"},
    "signed_in_as": {"zh": "已登录:{name}({role})", "en": "Signed in: {name} ({role})"},
    "sign_out": {"zh": "退出登录", "en": "Sign out"},
    "role_viewer": {"zh": "内部查看", "en": "viewer"},
    "role_editor": {"zh": "编辑", "en": "editor"},
    "role_admin": {"zh": "管理员", "en": "admin"},
    # layer filters (ui/layer_filters.py): firms by chain link and kind; the table's filters on the map
    "ent_filters": {"zh": "企业与机构筛选", "en": "Filter enterprises & institutes"},
    "ent_filter_link": {"zh": "产业链环节", "en": "Chain link"},
    "ent_filter_kind": {"zh": "类型", "en": "Kind"},
    "ent_filter_shown": {"zh": "显示 {n} / {total} 家", "en": "{n} of {total} shown"},
    "filter_map_note": {
        "zh": "筛选同时作用于地图:表格与地图上只有筛选出的 {n} / {total} 个项目",
        "en": "The filters apply to the map too: the table and the map hold only the {n} of {total} projects that pass",
    },
}
