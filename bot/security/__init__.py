"""Trust at the edges of the running assistant (issue 10; see docs/security.md).

* :mod:`bot.security.action_auth`: the action server accepts only the Rasa server (a shared token);
* :mod:`bot.security.edge`: the REST channel's input checks, limits, rate limiting and reply cleaning;
* :mod:`bot.security.markup`: removing markup from what reaches a reply;
* :mod:`bot.security.logs`: log records without message text or sender ids, with a request id;
* :mod:`bot.security.forget`: a deleted student's conversation removed from the tracker store.
"""
