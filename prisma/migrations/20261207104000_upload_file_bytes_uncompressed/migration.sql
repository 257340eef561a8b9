-- Attachment bytes are stored without PostgreSQL's compression (docs/architecture.md, "Attachments"). Most files are
-- compressed already (PNG, JPEG, WebP, GIF, DOCX, most PDFs): pglz then works through three quarters of the file
-- before it gives up and stores it as it is, about 100 ms of the database's CPU per 10 MB image measured, taken from
-- the cores that stream everyone's replies. Text keeps its compression in "Attachment".text, where it pays.
-- Only rows written from now on are affected; existing ones stay as they are.
ALTER TABLE "AttachmentContent" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
