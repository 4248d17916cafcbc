using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PtmReuse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModelCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalyticsModelCount",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "bigint", nullable: false),
                    Dimension = table.Column<string>(type: "text", nullable: false),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "text", nullable: false),
                    Grounded = table.Column<bool>(type: "boolean", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    IsFirst = table.Column<bool>(type: "boolean", nullable: false),
                    Items = table.Column<long>(type: "bigint", nullable: false),
                    WeightSum = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsModelCount", x => new { x.Scope, x.Dimension, x.IsPrimary, x.Year, x.Field, x.Grounded, x.Value, x.IsFirst });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelCount_Values",
                table: "AnalyticsModelCount",
                columns: new[] { "Scope", "Dimension", "Value", "Field", "IsPrimary", "Year", "Grounded", "IsFirst", "Items", "WeightSum" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalyticsModelCount");
        }
    }
}
