"""Distribution: load policy, signing, the site cache, install, diff and updates of packs."""
