"""Attendance: an app knows whether it is the last scalp app with the log open."""

from tui.store.attendance import SUFFIX, Attendance


def test_a_lone_app_is_alone_and_a_second_one_is_not(tmp_path):
    db = tmp_path / "scalp.db"
    first = Attendance(db)
    assert first.alone()
    second = Attendance(db)
    assert not first.alone() and not second.alone()
    second.close()
    assert first.alone()  # and asking did not drop its own presence:
    third = Attendance(db)
    assert not third.alone()
    first.close()
    third.close()
    assert (tmp_path / f"scalp.db{SUFFIX}").exists()


def test_a_log_in_memory_or_an_unusable_folder_counts_as_alone(tmp_path):
    assert Attendance(None).alone()
    folder = tmp_path / "missing" / "scalp.db"  # its folder does not exist: no lock file
    assert Attendance(folder).alone()
