package io.tapbus.rules.pricing;

/** One line of a basket: a product (SKU) of a category, how many, at which unit price (minor units, fen). */
public final class BasketLine {
    private String sku;
    private String category;
    private long quantity;
    private long unitPriceMinor;

    public BasketLine() {
    }

    public BasketLine(String sku, String category, long quantity, long unitPriceMinor) {
        this.sku = sku;
        this.category = category;
        this.quantity = quantity;
        this.unitPriceMinor = unitPriceMinor;
    }

    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public long getQuantity() { return quantity; }
    public void setQuantity(long quantity) { this.quantity = quantity; }
    public long getUnitPriceMinor() { return unitPriceMinor; }
    public void setUnitPriceMinor(long unitPriceMinor) { this.unitPriceMinor = unitPriceMinor; }

    /** quantity x unit price (exact; the runtime refuses baskets whose lines overflow). */
    public long amountMinor() {
        return Math.multiplyExact(quantity, unitPriceMinor);
    }
}
