"""``make bench``: API speed and query counts on a throwaway database of 2,000 event reports."""
