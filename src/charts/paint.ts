import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { registerChartFonts } from './fonts.ts';
import { encodePng } from './png.ts';
import type { Scene, SceneItem } from './scene.ts';
import { fontOf } from './text-fit.ts';

/** Scene → PNG. The only module that touches the canvas; it decides nothing about content. */
export async function paintPng(scene: Scene): Promise<Buffer> {
  registerChartFonts();
  const canvas = createCanvas(scene.width, scene.height);
  const context = canvas.getContext('2d');
  context.fillStyle = scene.background;
  context.fillRect(0, 0, scene.width, scene.height);
  context.textBaseline = 'middle';
  for (const item of scene.items) paintItem(context, item);
  // The background is opaque and painted first, so every pixel is opaque and the canvas's
  // premultiplied RGBA is the straight RGBA a PNG stores.
  return await encodePng(canvas.data(), scene.width, scene.height);
}

function paintItem(context: SKRSContext2D, item: SceneItem): void {
  switch (item.type) {
    case 'rect':
      context.fillStyle = item.fill;
      context.beginPath();
      context.roundRect(item.x, item.y, item.width, item.height, Math.min(item.radius, item.width / 2, item.height / 2));
      context.fill();
      return;
    case 'line':
      context.strokeStyle = item.stroke;
      context.lineWidth = item.lineWidth;
      context.setLineDash([...item.dash]);
      context.beginPath();
      context.moveTo(item.x1, item.y1);
      context.lineTo(item.x2, item.y2);
      context.stroke();
      context.setLineDash([]);
      return;
    case 'circle':
      context.beginPath();
      context.arc(item.x, item.y, item.r, 0, Math.PI * 2);
      context.fillStyle = item.fill;
      context.fill();
      if (item.lineWidth > 0) {
        context.strokeStyle = item.stroke;
        context.lineWidth = item.lineWidth;
        context.stroke();
      }
      return;
    case 'text':
      context.font = fontOf(item.size, item.bold);
      context.fillStyle = item.fill;
      context.textAlign = item.align;
      context.fillText(item.text, item.x, item.y, item.maxWidth);
      return;
  }
}
