"""Allocation: who holds a case, and the exclusion and restriction lists."""
