"""Files kept with a record (letters, flyers, minutes, photos): a toolkit any domain plugs into.

A domain describes how its records are found and who may read or change them in an
:class:`~kokoma.attachments.owners.AttachmentOwner` and mounts
:func:`~kokoma.attachments.router.attachment_router` for it. When it deletes a
record it calls :func:`~kokoma.attachments.service.remove_all` in the same
transaction; the files go once that transaction has committed.
"""
