// Sending a file to a user in Teams: the bot offers it with a file-consent card, Teams asks the
// user, and on "Allow" sends an invoke with an upload URL in the user's OneDrive. We upload the
// bytes there and post a file-info card. Nothing is kept in between: the accept context says
// what to produce, and it is produced again for the member who pressed "Allow".
import { z } from "zod";
import type { Attachment } from "@microsoft/teams.api";
import type { Logger } from "#src/logger.js";

/** A file to offer. */
export interface FileOffer {
  name: string;
  description: string;
  content: string;
}

/** What the accept/decline buttons carry back to us. */
export interface FileConsentContext {
  kind: "myData";
  memberId: string;
}

/** The consent card attachment (personal scope only). */
export function fileConsentAttachment(offer: FileOffer, context: FileConsentContext): Attachment {
  return {
    contentType: "application/vnd.microsoft.teams.card.file.consent",
    name: offer.name,
    content: {
      description: offer.description,
      sizeInBytes: Buffer.byteLength(offer.content, "utf8"),
      acceptContext: context,
      declineContext: context,
    },
  };
}

/** The invoke Teams sends when the user answers the consent card. */
export const fileConsentInvokeSchema = z.object({
  type: z.literal("fileUpload"),
  action: z.enum(["accept", "decline"]),
  context: z.object({ kind: z.literal("myData"), memberId: z.string().max(100) }),
  uploadInfo: z
    .object({
      uploadUrl: z.url(),
      contentUrl: z.url(),
      name: z.string().max(300),
      uniqueId: z.string().max(300).optional(),
      fileType: z.string().max(20).optional(),
    })
    .optional(),
});
export type FileConsentInvoke = z.infer<typeof fileConsentInvokeSchema>;

/** Uploads `content` to the OneDrive upload session in one range. */
export async function uploadToConsentUrl(uploadUrl: string, content: string, logger: Logger, fetchImpl: typeof fetch = fetch): Promise<void> {
  const bytes = Buffer.from(content, "utf8");
  const response = await fetchImpl(uploadUrl, {
    method: "PUT",
    headers: { "content-length": String(bytes.length), "content-range": `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    logger.warn({ status: response.status }, "file upload to the consent URL failed");
    throw new Error(`upload failed with HTTP ${response.status}`);
  }
}

/** The message attachment that shows the uploaded file in the chat. */
export function fileInfoAttachment(uploadInfo: NonNullable<FileConsentInvoke["uploadInfo"]>): Attachment {
  return {
    contentType: "application/vnd.microsoft.teams.card.file.info",
    contentUrl: uploadInfo.contentUrl,
    name: uploadInfo.name,
    content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType ?? "json" },
  };
}
