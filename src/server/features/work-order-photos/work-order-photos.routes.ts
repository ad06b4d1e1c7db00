import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { receiveStreamedUpload } from '../../http/multipart.ts';
import { actorOf } from '../../http/request-context.ts';
import { PhotoListResponse, PhotoParams, PhotoResponse, WorkOrderIdParams } from './work-order-photos.schema.ts';
import { deletePhoto, listOrderPhotos, openPhoto, photoMaxBytes, uploadPhoto } from './work-order-photos.service.ts';

const tags = ['work-orders'];

export const workOrderPhotoRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  /** A photo (or, kind=signed_form, the scanned signed form); fields `clientId` and `kind` before the file. 200 for a replay. */
  app.post(
    '/work-orders/:id/photos',
    {
      schema: {
        tags,
        params: WorkOrderIdParams,
        consumes: ['multipart/form-data'],
        response: { 200: PhotoResponse, 201: PhotoResponse },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { photo, isReplay } = await receiveStreamedUpload(req, {
        maxBytes: photoMaxBytes(deps),
        store: (upload, fields) => uploadPhoto({ deps, actor, workOrderId: req.params.id, fields, ...upload }),
      });
      return reply.code(isReplay ? 200 : 201).send(photo);
    },
  );
  app.get('/work-orders/:id/photos', { schema: { tags, params: WorkOrderIdParams, response: { 200: PhotoListResponse } } }, async (req) =>
    listOrderPhotos({ deps, actor: actorOf(req), workOrderId: req.params.id }),
  );
  app.get('/work-orders/:id/photos/:photoId', { schema: { tags, params: PhotoParams } }, async (req, reply) => {
    const { photo, stream } = await openPhoto({ deps, actor: actorOf(req), workOrderId: req.params.id, photoId: req.params.photoId });
    return sendDownload(reply, {
      body: stream,
      fileName: photo.fileName,
      contentType: photo.contentType,
      sizeBytes: photo.sizeBytes,
      isInline: true,
    });
  });
  app.delete('/work-orders/:id/photos/:photoId', { schema: { tags, params: PhotoParams } }, async (req, reply) => {
    await deletePhoto({ deps, actor: actorOf(req), workOrderId: req.params.id, photoId: req.params.photoId });
    return reply.code(204).send();
  });
};
