"""Attendance: an app leaving learns whether it was the last scalp app with the log open."""

from tui.store.attendance import SUFFIX, Attendance


def test_a_lone_app_is_the_last_and_one_of_two_is_not(tmp_path):
    db = tmp_path / "scalp.db"
    first, second = Attendance(db), Attendance(db)
    with second.leaving() as last:
        assert not last  # the first is still open
    with first.leaving() as last:
        assert last
    assert (tmp_path / f"scalp.db{SUFFIX}").exists()


def test_of_two_apps_leaving_at_once_exactly_one_is_the_last(tmp_path):
    db = tmp_path / "scalp.db"
    first, second = Attendance(db), Attendance(db)
    # The first lets go while the second is still there; the second then finds itself alone
    # and holds the lock while it pauses, which the first can no longer take.
    with first.leaving() as first_last, second.leaving() as second_last:
        assert [first_last, second_last].count(True) == 1


def test_a_link_to_the_log_shares_its_lock(tmp_path):
    db = tmp_path / "scalp.db"
    db.touch()
    link = tmp_path / "link.db"
    link.symlink_to(db)
    first, second = Attendance(db), Attendance(link)
    with second.leaving() as last:
        assert not last
    with first.leaving() as last:
        assert last


def test_a_log_in_memory_or_an_unusable_folder_counts_as_the_last(tmp_path):
    with Attendance(None).leaving() as last:
        assert last
    with Attendance(tmp_path / "missing" / "scalp.db").leaving() as last:  # no folder, no lock file
        assert last
