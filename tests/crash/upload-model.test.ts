import { describe, expect, it } from "vitest";
import { UploadModel } from "./upload-model";

/** The multipart judge, on hand-made histories: each verdict it must give, and what it must let pass. */

function withParts(acknowledged: boolean[]): UploadModel {
  const model = new UploadModel();
  model.createSent = true;
  model.uploadId = "u1";
  acknowledged.forEach((ack, index) =>
    model.parts.push({ partNumber: index + 1, etag: `"e${index + 1}"`, sizeBytes: 10, acknowledged: ack }),
  );
  return model;
}

const listedWith = (partNumbers: number[]) => [
  { uploadId: "u1", parts: partNumbers.map((partNumber) => ({ partNumber, etag: `"e${partNumber}"`, sizeBytes: 10 })) },
];

describe("upload model", () => {
  it("an open upload must keep every acknowledged part; an interrupted one may or may not be there", () => {
    const model = withParts([true, false]);
    expect(model.judge(listedWith([1]), false)).toEqual([]);
    expect(model.judge(listedWith([1, 2]), false)).toEqual([]);
    expect(model.judge(listedWith([]), false).map((found) => found.verdict)).toEqual(["lost"]);
    expect(model.judge([], false).map((found) => found.verdict)).toEqual(["lost"]);
  });

  it("a part never sent is torn", () => {
    const model = withParts([true]);
    const listed = [{ uploadId: "u1", parts: [{ partNumber: 1, etag: '"other"', sizeBytes: 10 }] }];
    expect(model.judge(listed, false).map((found) => found.verdict)).toEqual(["lost", "torn"]);
  });

  it("an acknowledged completion or abort that is listed again is resurrected", () => {
    for (const kind of ["complete", "abort"] as const) {
      const model = withParts([true]);
      model.ending = { kind, acknowledged: true };
      expect(model.judge([], true)).toEqual([]);
      expect(model.judge(listedWith([1]), false).map((found) => found.verdict)).toEqual(["resurrected"]);
    }
  });

  it("an interrupted completion leaves the upload or the object, never neither", () => {
    const model = withParts([true]);
    model.ending = { kind: "complete", acknowledged: false };
    expect(model.judge(listedWith([1]), false)).toEqual([]);
    expect(model.judge([], true)).toEqual([]);
    expect(model.judge([], false).map((found) => found.verdict)).toEqual(["lost"]);
  });

  it("an upload nobody opened is resurrected, unless a create was in flight", () => {
    const interrupted = new UploadModel();
    interrupted.createSent = true;
    expect(interrupted.judge([{ uploadId: "x", parts: [] }], false)).toEqual([]);
    expect(new UploadModel().judge([{ uploadId: "x", parts: [] }], false).map((found) => found.verdict)).toEqual([
      "resurrected",
    ]);
  });
});
