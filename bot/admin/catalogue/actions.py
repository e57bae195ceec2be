"""The callback actions of the catalogue's back office (all need at least ADMIN: the
admin package sets the role)."""

from bot.callbacks import PAGE, ROW_ID, Action, Choice, Int

MOVE = Int(-1, 1)  # -1 up (earlier), +1 down (later)
FIELD = Choice(("title", "description", "price"))

CATALOGUE = Action("ac.cats")
CATEGORY = Action("ac.cat", ROW_ID, PAGE)
CATEGORY_NEW = Action("ac.cat.new")
CATEGORY_RENAME = Action("ac.cat.ren", ROW_ID)
CATEGORY_MOVE = Action("ac.cat.mv", ROW_ID, MOVE)
CATEGORY_HIDE = Action("ac.cat.hide", ROW_ID, Int(0, 1))
CATEGORY_DELETE = Action("ac.cat.del", ROW_ID)

PRODUCT = Action("ac.prod", ROW_ID)
PRODUCT_NEW = Action("ac.prod.new", ROW_ID)  # in this category
PRODUCT_EDIT = Action("ac.prod.edit", ROW_ID, FIELD)
PRODUCT_AVAILABLE = Action("ac.prod.avail", ROW_ID, Int(0, 1))
PRODUCT_DELETE_ASK = Action("ac.prod.delq", ROW_ID)
PRODUCT_DELETE = Action("ac.prod.del", ROW_ID)
PRODUCT_CATEGORIES = Action("ac.prod.cats", ROW_ID)  # where to move it
PRODUCT_MOVE = Action("ac.prod.mv", ROW_ID, ROW_ID)  # product, category

VARIANTS = Action("ac.vars", ROW_ID)
VARIANT_STOCK = Action("ac.var.stock", ROW_ID)
VARIANT_SKU = Action("ac.var.sku", ROW_ID)
VARIANT_DELETE = Action("ac.var.del", ROW_ID)
GRID_ADD = Action("ac.grid.add", ROW_ID, Choice(("size", "colour")))

PHOTOS = Action("ac.photos", ROW_ID)
PHOTOS_SHOW = Action("ac.photos.show", ROW_ID)
PHOTOS_ADD = Action("ac.photos.add", ROW_ID)
PHOTO_MOVE = Action("ac.photo.mv", ROW_ID, MOVE)
PHOTO_REPLACE = Action("ac.photo.rep", ROW_ID)
PHOTO_DELETE = Action("ac.photo.del", ROW_ID)
