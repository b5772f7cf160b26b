"""Checks across the files of a catalog, which no single reader can make: an id used in two
layers, facts for an id no layer has, a firm's chain link missing from the programme's chain.
Each returns Problems (zh + en) naming file, feature and field; none raises."""

from __future__ import annotations

from dashboard.facts import SECTIONS, FactBook
from dashboard.geodata import LayerData
from dashboard.problems import Problem
from dashboard.programme import Programme
from dashboard.text import Text


def shared_ids(layers: dict[str, LayerData]) -> list[Problem]:
    """Facts are keyed by id alone, so one id in two layers would show one feature's facts in the
    other's panel. The layer listed first in [layers] enabled keeps the id (and its facts); the
    feature of a later layer is left out of the map and reported. Mutates `layers` in place."""
    owner: dict[str, str] = {}
    problems = []
    for lid, data in layers.items():
        if data.gdf.empty:
            continue
        ids = list(data.gdf["id"])
        clash = [fid for fid in ids if fid in owner]
        for fid in clash:
            problems.append(
                Problem(
                    data.spec.source or lid,
                    Text(
                        f"id 已用于图层 {owner[fid]!r}(说明按 id 对应):本要素未绘制;请改用唯一的 id",
                        f"id already used in layer {owner[fid]!r} (facts are keyed by id): this feature is left "
                        "out; give it an id of its own",
                    ),
                    fid,
                    "id",
                )
            )
        if clash:
            data.gdf = data.gdf[~data.gdf["id"].isin(clash)].reset_index(drop=True)
        owner.update({fid: lid for fid in ids if fid not in owner})
    return problems


def orphan_facts(book: FactBook, layers: dict[str, LayerData], file: str) -> list[Problem]:
    """Facts written for an id that no layer holds (a typo, or a feature since removed)."""
    known = set(SECTIONS)
    for data in layers.values():
        known |= set(data.gdf["id"]) if not data.gdf.empty else set()
    return [
        Problem(
            file,
            Text(
                "这些说明对应的 id 不在任何图层中,不会显示;请核对 id 拼写",
                "no layer has a feature with this id, so its facts are never shown; check the id's spelling",
            ),
            fid,
            severity="warning",
        )
        for fid in sorted(set(book.by_feature) - known)
    ]


def unknown_chain_links(layers: dict[str, LayerData], programme: Programme) -> list[Problem]:
    """A firm whose chain_link is not one of the programme's links (its panel cannot place it)."""
    if not programme.chain:
        return []
    links = "、".join(c.zh for c in programme.chain)
    problems = []
    for data in layers.values():
        if data.gdf.empty or "chain_link" not in data.gdf.columns:
            continue
        for fid, link in zip(data.gdf["id"], data.gdf["chain_link"], strict=True):
            if isinstance(link, str) and link and programme.chain_position(link) < 0:
                problems.append(
                    Problem(
                        data.spec.source or data.spec.id,
                        Text(
                            f"产业链环节 {link!r} 不在产业链中({links});请改为其中之一",
                            f"chain link {link!r} is not in the chain ({links}); use one of them",
                        ),
                        fid,
                        "chain_link",
                        severity="warning",
                    )
                )
    return problems
