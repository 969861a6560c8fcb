"""Middleware of the members' area; each class lives with the rule it enforces."""

from .gate import MembershipGateMiddleware
from .mfa import SecondFactorMiddleware
from .sessions import SessionTimeoutMiddleware

__all__ = ["MembershipGateMiddleware", "SecondFactorMiddleware", "SessionTimeoutMiddleware"]
