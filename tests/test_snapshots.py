"""Atomic reads: a change is found by content, not modification time; a file caught mid-save or
not parsing leaves the last complete version on screen with a note, until a complete save."""

import os

from dashboard import ledger, snapshots
from tests.helpers import html_with, row, run, use_ledger, write_csv


def read(store, path, load=None):
    return store.read(str(path), [path], "params", load or (lambda: ledger.load_ledger(path)), lambda r: r.complete)


def test_a_save_with_the_same_modification_time_is_picked_up(tmp_path):
    store = snapshots.Snapshots()
    path = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1")])
    stat = path.stat()
    assert list(read(store, path).value.rows["id"]) == ["P-1"]
    write_csv(path, [row(项目编号="P-2")])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: a fast save, a coarse clock
    got = read(store, path)
    assert list(got.value.rows["id"]) == ["P-2"] and got.waiting is None


def test_an_unchanged_file_is_not_parsed_again(tmp_path):
    store, calls = snapshots.Snapshots(), []
    path = write_csv(tmp_path / "projects.csv", [row()])

    def load():
        calls.append(1)
        return ledger.load_ledger(path)

    read(store, path, load)
    path.touch()  # a touch is not a change
    read(store, path, load)
    assert len(calls) == 1


def test_a_file_that_changes_while_read_keeps_the_last_complete_version(tmp_path):
    store = snapshots.Snapshots()
    path = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1"), row(项目编号="P-2")])
    read(store, path)

    write_csv(path, [row(项目编号="P-1")])  # the office's save has written half the rows …

    def mid_save():  # … and writes the rest while the page reads
        partial = ledger.load_ledger(path)
        write_csv(path, [row(项目编号="P-1"), row(项目编号="P-2"), row(项目编号="P-3")])
        return partial

    got = read(store, path, mid_save)
    assert list(got.value.rows["id"]) == ["P-1", "P-2"], "the last complete version stays"
    assert "changed while it was being read" in got.waiting.render("en")
    assert "等待完整保存后自动更新" in got.waiting.render("zh")
    again = read(store, path)  # the next poll: the save is complete
    assert list(again.value.rows["id"]) == ["P-1", "P-2", "P-3"] and again.waiting is None


def test_a_file_that_does_not_parse_keeps_the_last_version_until_a_complete_save(tmp_path):
    store = snapshots.Snapshots()
    path = tmp_path / "projects.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(list(ledger.LEDGER_COLUMNS))
    wb.active.append(row(项目编号="P-1"))
    wb.save(path)
    read(store, path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])  # a zip cut half-way
    got = read(store, path)
    assert list(got.value.rows["id"]) == ["P-1"]
    assert "incomplete or does not parse" in got.waiting.render("en")
    path.write_bytes(good)
    assert read(store, path).waiting is None


def test_the_page_says_it_waits_and_keeps_the_rows(tmp_path, monkeypatch, signed_in):
    path = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1")])
    use_ledger(monkeypatch, tmp_path, path)
    at = run()
    path.write_bytes(b"")  # truncated by a save that has just begun
    at.run()
    assert not at.exception
    assert any("等待完整保存" in w.value for w in at.warning)
    assert "P-1" in html_with(at, "kpi-strip") or any("P-1" in str(df.value) for df in at.dataframe)
