"""The credit-compliance check's rules (issue #4 §3): small pure functions over PhotoFacts and
ProfileFacts, each registered under a stable code (see base.rule). Importing this package
registers every group; the import order below is the order findings are reported in."""

# isort: off
from archive.compliance.rules import credit  # noqa: F401  (imported to register its rules)
from archive.compliance.rules import caption  # noqa: F401
from archive.compliance.rules import people  # noqa: F401
from archive.compliance.rules import licence  # noqa: F401
from archive.compliance.rules import rights  # noqa: F401
from archive.compliance.rules import duplicates  # noqa: F401
from archive.compliance.rules import usage  # noqa: F401
from archive.compliance.rules import text  # noqa: F401
from archive.compliance.rules import accessibility  # noqa: F401
from archive.compliance.rules import provenance  # noqa: F401

# isort: on
from archive.compliance.rules.base import RULES, Issue, RuleInfo, rule

__all__ = ["RULES", "Issue", "RuleInfo", "rule"]
