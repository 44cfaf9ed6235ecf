"""One-page guides to each agency: what it does with a concern, its tiers of risk, what
it holds and can share, and how to reach it. Public at /agencies/<agency>/, printable on
one page and downloadable as PDF."""
