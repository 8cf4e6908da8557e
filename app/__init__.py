"""Protocol Desk: an offline clinical reference for treatment protocols.

Name and version are defined here once; pyproject.toml and build.spec read them.
"""

APP_NAME = "Protocol Desk"
APP_ID = "protocol-desk"
ORG_NAME = "Protocol Desk"
__version__ = "0.1.0"
