using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PtmReuse.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalyticsModelLabel",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Journal = table.Column<string>(type: "TEXT", nullable: true),
                    Model = table.Column<string>(type: "TEXT", nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", nullable: true),
                    Step = table.Column<string>(type: "TEXT", nullable: true),
                    PatternFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    StepFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdentifyDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReuseDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImpactDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsModelLabel", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalyticsModelLabel_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperCount",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    Journal = table.Column<string>(type: "TEXT", nullable: false),
                    UsesDl = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesPtms = table.Column<byte>(type: "INTEGER", nullable: false),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Items = table.Column<long>(type: "INTEGER", nullable: false),
                    WeightSum = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperCount", x => new { x.Scope, x.IsPrimary, x.Year, x.Field, x.Journal, x.UsesDl, x.UsesPtms, x.Grounded, x.Reviewed });
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperLabel",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Journal = table.Column<string>(type: "TEXT", nullable: true),
                    UsesDl = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesPtms = table.Column<byte>(type: "INTEGER", nullable: false),
                    UsesDlDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    UsesPtmsDecisionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Grounded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperLabel", x => new { x.Scope, x.PaperId, x.Field });
                    table.ForeignKey(
                        name: "FK_AnalyticsPaperLabel_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsPaperState",
                columns: table => new
                {
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsPaperState", x => x.PaperId);
                    table.ForeignKey(
                        name: "FK_AnalyticsPaperState_Papers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "Papers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnalyticsScopeState",
                columns: table => new
                {
                    Scope = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsScopeState", x => x.Scope);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Papers_UpdatedAt",
                table: "Papers",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PaperId_ErrorKind",
                table: "Decisions",
                columns: new[] { "PaperId", "ErrorKind" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_Counts",
                table: "AnalyticsModelLabel",
                columns: new[] { "Scope", "IsPrimary", "Year", "Field", "Model", "Pattern", "Step", "PatternFirst", "StepFirst", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_PaperId",
                table: "AnalyticsModelLabel",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsModelLabel_Scope_PaperId",
                table: "AnalyticsModelLabel",
                columns: new[] { "Scope", "PaperId" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_Counts",
                table: "AnalyticsPaperLabel",
                columns: new[] { "Scope", "IsPrimary", "Year", "Field", "UsesDl", "UsesPtms", "Grounded", "Reviewed", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_PaperId",
                table: "AnalyticsPaperLabel",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsPaperLabel_Scope_Field_Year",
                table: "AnalyticsPaperLabel",
                columns: new[] { "Scope", "Field", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalyticsModelLabel");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperCount");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperLabel");

            migrationBuilder.DropTable(
                name: "AnalyticsPaperState");

            migrationBuilder.DropTable(
                name: "AnalyticsScopeState");

            migrationBuilder.DropIndex(
                name: "IX_Papers_UpdatedAt",
                table: "Papers");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_PaperId_ErrorKind",
                table: "Decisions");
        }
    }
}
