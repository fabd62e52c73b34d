import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "pairsight"


def test_the_installed_command_prints_the_birmingham_table():
    result = subprocess.run(
        [str(SCRIPT), "need", "--demo"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "2,760" in result.stdout and "2,420" in result.stdout


def test_bad_input_never_shows_a_traceback():
    result = subprocess.run(
        [str(SCRIPT), "need", "--under-two", "-1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("Error:")
