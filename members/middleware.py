"""Middleware of the members' area; each class lives with the rule it enforces."""

from .charter_gates import CharterGateMiddleware
from .mfa import SecondFactorMiddleware
from .sessions import SessionTimeoutMiddleware

__all__ = ["CharterGateMiddleware", "SecondFactorMiddleware", "SessionTimeoutMiddleware"]
