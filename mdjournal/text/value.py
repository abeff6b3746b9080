"""Immutable values with slots, defined at no cost at import.

``@dataclass(frozen=True, slots=True)`` writes each class's ``__init__``,
``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` as source
text and compiles it when the class is defined: 3.3 M instructions per class
(valgrind, CPython 3.11), so the 30 dataclasses ``mdjournal lint`` imported were
99 M of its 680 M instructions on the sample post, a third of its start-up beyond
Python, click, PyYAML and markdown-it. A :class:`Value` subclass lists its fields
in order as ``__slots__ = _FIELDS = (...)`` and writes its ``__init__`` (with
:func:`init`); equality, hash, repr, immutability and pickling come from here,
generic over the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

__all__ = ["Value", "init"]


def init(value: Value, *fields: Any) -> None:
    """Set ``value``'s slots, in order, to ``fields`` (``__init__`` cannot assign: the value is frozen)."""
    for set_slot, field in zip(value._SETTERS, fields, strict=True):
        set_slot(value, field)


class Value:
    """A frozen value: equal to a value of the same class with equal compared fields."""

    __slots__ = ()
    #: The fields, in the order ``__init__`` takes them (the slots, which linters like sorted).
    _FIELDS: ClassVar[tuple[str, ...]] = ()
    #: Fields left out of equality, hash and repr (a back reference, a big shared object).
    _UNCOMPARED: ClassVar[frozenset[str]] = frozenset()
    #: Each field's slot setter, in order. Calling the slots' own setters halves what
    #: :func:`init` costs against ``object.__setattr__`` by name (3.4 against 6.8 µs
    #: for an entry's 18 fields), and a parse makes about twenty values an entry.
    _SETTERS: ClassVar[tuple[Callable[[Any, Any], None], ...]] = ()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls._SETTERS = tuple(getattr(cls, name).__set__ for name in cls._FIELDS)

    def _compared(self) -> tuple[Any, ...]:
        uncompared = self._UNCOMPARED
        return tuple(getattr(self, name) for name in self._FIELDS if name not in uncompared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        uncompared = self._UNCOMPARED
        fields = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self._FIELDS if name not in uncompared
        )
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}' of a frozen {self.__class__.__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}' of a frozen {self.__class__.__name__}")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        """Pickled as its class and fields (a worker process sends values back)."""
        return self.__class__, tuple(getattr(self, name) for name in self._FIELDS)
