from __future__ import annotations

from pathlib import Path

import pytest

import negotiation as ng

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def mini_path() -> Path:
    return DATA / "mini.yaml"


@pytest.fixture(scope="session")
def mini(mini_path: Path) -> ng.Dataset:
    return ng.load(mini_path)


@pytest.fixture(scope="session")
def bundled() -> ng.Dataset:
    return ng.load()


@pytest.fixture
def mini_text(mini_path: Path) -> str:
    return mini_path.read_text(encoding="utf-8")
