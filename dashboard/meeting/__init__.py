"""The weekly key-project meeting (挂图作战): the ledger's kept versions (history.py) and what the
page builds from them — changes since the last meeting, charts over the weeks, playback, a pinned
screen and the ledger sent back to its owners."""
