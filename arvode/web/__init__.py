"""``arvode serve``: the check page for officials and the JSON API for other systems.

A thin layer over the public API of ``arvode`` (``claim_from_text``,
``calculate``, ``bilaga_on``, ``build_document``): the same engine and the same
validation as ``arvode check``, in Swedish, in the browser. Starlette serves
server-rendered Jinja2 templates; nothing a user enters is stored.
Imported only by ``arvode serve``, so the command line does not load the web stack.
"""

from arvode.web.app import MAX_BODY, create_app

__all__ = ["MAX_BODY", "create_app"]
