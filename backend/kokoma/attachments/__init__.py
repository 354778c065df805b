"""Files kept with a record (letters, flyers, minutes, photos): a toolkit any domain plugs into.

A domain describes how its records are found and who may read or change their files in
an :class:`~kokoma.attachments.owners.AttachmentOwner` and adds the routes with
:func:`~kokoma.attachments.router.add_attachment_routes`. When it deletes a record it
calls :func:`~kokoma.attachments.service.remove_all` in the same transaction; the files
go once that transaction has committed.
"""
