using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PtmReuse.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReviewWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "HumanLabels",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Correct");

            migrationBuilder.AddColumn<bool>(
                name: "Adjudicated",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AssignmentId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ParentLabelId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetiredByLabelId",
                table: "HumanLabels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "UncertaintyScore",
                table: "Decisions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValueKey",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewAssignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DecisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", nullable: false),
                    Blind = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssignedBy = table.Column<string>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAssignments_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewerSettings",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    ShortcutsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewerSettings", x => x.UserName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HumanLabels_DecisionId",
                table: "HumanLabels",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PaperId_Id",
                table: "Decisions",
                columns: new[] { "PaperId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Stage_UncertaintyScore_Id",
                table: "Decisions",
                columns: new[] { "Stage", "UncertaintyScore", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_UncertaintyScore_Id",
                table: "Decisions",
                columns: new[] { "UncertaintyScore", "Id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Unscored",
                table: "Decisions",
                column: "PaperId",
                filter: "\"UncertaintyScore\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_DecisionId",
                table: "ReviewAssignments",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_PaperId_Stage",
                table: "ReviewAssignments",
                columns: new[] { "PaperId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAssignments_Reviewer_DecisionId",
                table: "ReviewAssignments",
                columns: new[] { "Reviewer", "DecisionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewAssignments");

            migrationBuilder.DropTable(
                name: "ReviewerSettings");

            migrationBuilder.DropIndex(
                name: "IX_HumanLabels_DecisionId",
                table: "HumanLabels");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_PaperId_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Stage_UncertaintyScore_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_UncertaintyScore_Id",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Unscored",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "Action",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "Adjudicated",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "AssignmentId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "ParentLabelId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "RetiredByLabelId",
                table: "HumanLabels");

            migrationBuilder.DropColumn(
                name: "UncertaintyScore",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "ValueKey",
                table: "Decisions");
        }
    }
}
